"""A real SMTP server on a local socket, for tests: it answers, optionally slowly."""

import email
import socketserver
import threading
import time


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        time.sleep(self.server.delay)
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        server = self.server
        server.connections += 1
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.reply("250 test")
            elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                self.reply("250 OK")
            elif command == b"DATA":
                self.reply("354 end with a dot")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data += chunk
                with server.lock:
                    server.received.append(email.message_from_bytes(data))
                self.reply("250 queued")
            elif command == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class SMTPTestServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *, delay: float = 0.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay = delay
        self.received: list[email.message.Message] = []
        self.connections = 0
        self.lock = threading.Lock()
        self.port = self.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    @property
    def subjects(self) -> list[str]:
        with self.lock:
            return [m["Subject"] for m in self.received]
