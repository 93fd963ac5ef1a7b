"""Pages of the one-stop desk: reception, inbox, the dossier and its actions."""
