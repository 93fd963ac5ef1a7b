"""Stable codes of backup and restore errors."""

from __future__ import annotations

from enum import StrEnum


class BackupError(StrEnum):
    # A file is missing, extra, or its SHA-256 differs from the manifest's.
    TAMPERED = "backup_tampered"
    # No manifest, an unreadable manifest or archive, a path outside the archive.
    UNREADABLE = "backup_unreadable"
    # The target database already holds data and --force was not given.
    TARGET_NOT_EMPTY = "restore_target_not_empty"
    # The target's applied migrations are not the backup's.
    SCHEMA_MISMATCH = "backup_schema_mismatch"
    # The destination of a new backup already exists.
    DESTINATION_EXISTS = "backup_destination_exists"
