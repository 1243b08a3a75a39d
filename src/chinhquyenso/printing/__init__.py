"""Printing of the official one-stop forms (Circular 01/2018/TT-VPCP, Forms 01–06) as PDF.

Public interface: ``chinhquyenso.printing.render`` (``render_form01`` … ``render_form06``, ``render``) and the
data classes in ``chinhquyenso.printing.form_data``. This app holds no models and imports none.
"""
