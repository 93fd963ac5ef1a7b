"""edXML messages of QCVN 102:2016/BTTTT: build, parse, sign and verify."""
