"""Backup and restore of the whole platform: database and uploaded files (issue 16, item 8).

`egov backup DEST` writes a folder (or a `.tar` when DEST ends so) holding

- `database.jsonl`: every row of every model, in Django's portable JSON-lines
  serialisation, so a backup taken on SQLite restores on PostgreSQL and back.
  Foreign keys to content types, permissions and users are written by natural
  key, so they do not depend on the ids the target database gives them.
  Left out: content types and permissions (`migrate` recreates them) and
  sessions (everyone signs in again after a restore);
- `media/`: every uploaded file, byte for byte;
- `manifest.json`: the SHA-256 of the dump and of every file, the applied
  migrations, the application's version.

`egov restore SRC` checks every checksum before it touches anything, refuses
a target database that holds data (unless `--force`) or whose schema is not
the backup's, then loads the rows and writes the files in one transaction:
an error leaves the target as it was.

The audit trail restores as it was: loading only INSERTs rows (PostgreSQL's
trigger refuses UPDATE and DELETE on it, never INSERT), and its hash chain is
over natural keys (`egov/platform/audit/chain.py`), so `egov audit verify`
holds on the restored database.

The manifest's checksums catch a damaged or edited archive; they do not stop
someone who rewrites the manifest too. Keep backups where only operators write.
"""
