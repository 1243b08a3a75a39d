"""Volume data for the back office: realistic synthetic dossiers in bulk (``chinhquyenso generate dossiers``)."""
