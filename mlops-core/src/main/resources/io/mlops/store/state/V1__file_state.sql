-- MD5 of files by (inode, mtime, size), as DVC's state database keeps it.
CREATE TABLE file_state (
    inode    TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size     INTEGER NOT NULL,
    md5      TEXT NOT NULL
)
