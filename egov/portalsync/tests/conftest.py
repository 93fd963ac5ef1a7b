from egov.dossiers.tests.conftest import desk  # noqa: F401
