"""A tiny SMTP server on loopback, speaking just enough SMTP for smtplib.

Greeting, EHLO/HELO, MAIL, RCPT, DATA (with dot-unstuffing), RSET, NOOP and
QUIT, per RFC 5321. It runs its own asyncio loop in a thread, so the test
(and Django's SMTP backend) talk to it over a real socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

_ADDRESS = re.compile(r"<([^>]*)>")


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class LoopbackSMTP:
    def __init__(self, *, data_delay: float = 0.0) -> None:
        # Seconds to wait before answering a message: lets concurrent senders
        # overlap; a long one is a relay that hangs after the data.
        self.data_delay = data_delay
        self.received: list[Received] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None

    def start(self) -> LoopbackSMTP:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._session, "127.0.0.1", 0), self._loop
        )
        self._server = future.result(timeout=5)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._server is not None:
            # asyncio objects are not thread-safe: close the server on its own loop,
            # or a connection ending at the same moment races the close.
            asyncio.run_coroutine_threadsafe(self._close(self._server), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    @staticmethod
    async def _close(server: asyncio.Server) -> None:
        server.close()
        # A session still open (a relay that hangs) ends here, on its loop,
        # rather than with the loop (newer Pythons' wait_closed waits for it).
        sessions = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for session in sessions:
            session.cancel()
        await asyncio.gather(*sessions, return_exceptions=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), 1)

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def reply(*lines: str) -> None:
            for line in lines:
                writer.write(line.encode("ascii") + b"\r\n")
            await writer.drain()

        await reply("220 loopback ESMTP ready")
        sender, recipients = "", list[str]()
        try:
            while line := await reader.readline():
                command = line.decode("ascii", "replace").strip()
                verb = command[:4].upper()
                if verb == "EHLO" or verb == "HELO":
                    await reply("250 loopback")
                elif verb == "MAIL":
                    found = _ADDRESS.search(command)
                    sender, recipients = (found.group(1) if found else ""), []
                    await reply("250 OK")
                elif verb == "RCPT":
                    found = _ADDRESS.search(command)
                    recipients.append(found.group(1) if found else "")
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    data = await self._read_data(reader)
                    # Received before the answer: a relay that hangs (or a
                    # sender killed) after the data has the message anyway.
                    self.received.append(Received(sender, recipients, data))
                    if self.data_delay:
                        await asyncio.sleep(self.data_delay)
                    await reply("250 OK queued")
                elif verb in ("RSET", "NOOP"):
                    await reply("250 OK")
                elif verb == "QUIT":
                    await reply("221 Bye")
                    break
                else:
                    await reply("502 Command not implemented")
        finally:
            writer.close()

    @staticmethod
    async def _read_data(reader: asyncio.StreamReader) -> bytes:
        lines: list[bytes] = []
        while True:
            line = await reader.readline()
            if line in (b".\r\n", b""):
                return b"".join(lines)
            # A leading dot was doubled by the sender (RFC 5321, 4.5.2).
            lines.append(line[1:] if line.startswith(b"..") else line)
