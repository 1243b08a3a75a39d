"""Writes to dossiers: intake and one service per workflow action (see ``workflow.TRANSITIONS``)."""
