"""Decision 766/QĐ-TTg's indicator set: definitions as data, formulas by name, one selector.

- definitions/*.toml: the versioned definitions (groups, points, thresholds,
  formulas by name, effective dates, source); NOT VERIFIED against an
  official text, see the file's header;
- definition.py reads them; formulas.py holds the computations the
  definitions name; scoring.py the scoring rule; selectors.py the entry
  points (`indicator_set`, `indicator_dossiers`);
- figures the platform cannot compute are entered (reports.models.EnteredFigure,
  reports.services.enter_figure) or supplied by another domain through
  egov.platform.organisation.indicators (citizens' feedback, egov/voice).
"""
