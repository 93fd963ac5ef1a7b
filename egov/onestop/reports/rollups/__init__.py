"""Exact daily rollups of the dossier statistics (issue 20); docs/statistics.md explains them.

- `facts.py`: what one dossier adds to the counts, a pure function of its row;
- `maintain.py`: keeps `DailyCount` in step in the dossier's own transaction;
- `readers.py`: the statistics of egov/onestop/reports/statistics.py from the rollups;
- `rebuild.py`: recompute them from the raw rows (`egov stats rebuild|verify`).
"""
