#!/usr/bin/python3
"""A LazyFS-like FUSE file system for the power-loss test (issue 8 §4).

LazyFS itself cannot be fetched here, so this is the same idea in a few lines on Debian's
python3-fusepy: a pass-through over a backing directory in which file DATA written by
write()/truncate() stays in this process's memory until the file is fsync'ed (or fdatasync'ed).
Killing this process with SIGKILL is then a power loss: whatever was not synced never reaches
the backing directory, exactly what a disk cache loses when the power goes.

Metadata (create, unlink, rename, mkdir) goes to the backing directory at once, i.e. this models
a file system that journals metadata but not data (ext4 data=writeback-like); it does not model
reordering or torn sectors inside one write. Reads see the unsynced data, as a page cache would.

Usage: lazyfs.py BACKING_DIR MOUNT_POINT   (runs in the foreground; kill -9 = power loss)
"""

import errno
import os
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations


class Pending:
    """Unsynced data of one file: ordered writes and truncates over the backing file."""

    def __init__(self, size):
        self.ops = []  # ("w", offset, bytes) | ("t", size)
        self.size = size


class LazyFS(Operations):
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.pending = {}  # backing path -> Pending
        self.mutex = threading.RLock()

    def _full(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    # --- metadata: straight through -------------------------------------------------------
    def access(self, path, mode):
        if not os.access(self._full(path), mode):
            raise FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        return os.chmod(self._full(path), mode)

    def chown(self, path, uid, gid):
        return os.chown(self._full(path), uid, gid)

    def getattr(self, path, fh=None):
        full = self._full(path)
        try:
            st = os.lstat(full)
        except FileNotFoundError:
            raise FuseOSError(errno.ENOENT)
        attrs = {k: getattr(st, k) for k in ("st_atime", "st_ctime", "st_gid", "st_mode", "st_mtime", "st_nlink", "st_uid")}
        with self.mutex:
            p = self.pending.get(full)
            attrs["st_size"] = p.size if p else st.st_size
        return attrs

    def readdir(self, path, fh):
        return [".", ".."] + os.listdir(self._full(path))

    def mkdir(self, path, mode):
        return os.mkdir(self._full(path), mode)

    def rmdir(self, path):
        return os.rmdir(self._full(path))

    def unlink(self, path):
        full = self._full(path)
        with self.mutex:
            self.pending.pop(full, None)
        return os.unlink(full)

    def rename(self, old, new):
        with self.mutex:
            p = self.pending.pop(self._full(old), None)
            if p:
                self.pending[self._full(new)] = p
        return os.rename(self._full(old), self._full(new))

    def utimens(self, path, times=None):
        return os.utime(self._full(path), times)

    def statfs(self, path):
        st = os.statvfs(self._full(path))
        keys = ("f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail", "f_ffree", "f_files", "f_flag", "f_frsize", "f_namemax")
        return {k: getattr(st, k) for k in keys}

    # --- data: kept until fsync -----------------------------------------------------------
    def open(self, path, flags):
        # Writes never touch the backing file before fsync; reads need it readable.
        return os.open(self._full(path), os.O_RDWR if flags & (os.O_WRONLY | os.O_RDWR) else os.O_RDONLY)

    def create(self, path, mode, fi=None):
        return os.open(self._full(path), os.O_RDWR | os.O_CREAT, mode)

    def _pending(self, full):
        p = self.pending.get(full)
        if p is None:
            p = Pending(os.path.getsize(full))
            self.pending[full] = p
        return p

    def read(self, path, length, offset, fh):
        full = self._full(path)
        with self.mutex:
            p = self.pending.get(full)
            if p is None:
                return os.pread(fh, length, offset)
            end = min(offset + length, p.size)
            if end <= offset:
                return b""
            buf = bytearray(os.pread(fh, end - offset, offset).ljust(end - offset, b"\0"))
            # Replay the unsynced operations over the window, in order.
            size = os.fstat(fh).st_size
            for op in p.ops:
                if op[0] == "t":
                    size = op[1]
                    if size < end:
                        cut = max(size - offset, 0)
                        buf[cut:] = b"\0" * (len(buf) - cut)
                else:
                    _, o, data = op
                    lo, hi = max(o, offset), min(o + len(data), end)
                    if lo < hi:
                        buf[lo - offset : hi - offset] = data[lo - o : hi - o]
            return bytes(buf)

    def write(self, path, data, offset, fh):
        full = self._full(path)
        with self.mutex:
            p = self._pending(full)
            p.ops.append(("w", offset, bytes(data)))
            p.size = max(p.size, offset + len(data))
        return len(data)

    def truncate(self, path, length, fh=None):
        full = self._full(path)
        with self.mutex:
            p = self._pending(full)
            p.ops.append(("t", length))
            p.size = length

    def _sync(self, full, fh=None):
        with self.mutex:
            p = self.pending.pop(full, None)
            if p is None:
                return
            fd = os.open(full, os.O_RDWR)
            try:
                for op in p.ops:
                    if op[0] == "t":
                        os.ftruncate(fd, op[1])
                    else:
                        os.pwrite(fd, op[2], op[1])
                os.fsync(fd)
            finally:
                os.close(fd)

    def fsync(self, path, datasync, fh):
        self._sync(self._full(path))

    def flush(self, path, fh):
        # close() is not a sync: the data stays in memory, as in a page cache.
        return 0

    def release(self, path, fh):
        return os.close(fh)


if __name__ == "__main__":
    backing, mountpoint = sys.argv[1], sys.argv[2]
    # No writeback cache: every write() reaches this process at once (the kernel only caches
    # reads), and SQLite's shared-memory -shm file can still be mmap'ed.
    FUSE(LazyFS(backing), mountpoint, foreground=True, nothreads=True)
