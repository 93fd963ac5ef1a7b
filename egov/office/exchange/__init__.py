"""Exchange of documents between agencies in edXML (QCVN 102:2016/BTTTT)."""
