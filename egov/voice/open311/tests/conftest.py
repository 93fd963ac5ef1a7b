from egov.voice.feedback.tests.conftest import topics  # noqa: F401 - the fixture
