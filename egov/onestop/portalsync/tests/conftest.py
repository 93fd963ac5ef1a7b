from egov.onestop.dossiers.tests.conftest import desk  # noqa: F401
