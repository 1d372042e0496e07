"""A proxy on 127.0.0.1 for tests/windows/run.sh. It takes the client's CONNECT (ureq tunnels every
request through an HTTP proxy), says the tunnel is open, then answers the request inside itself as
the forms platform answers the creation of a prefilled dossier; each request line (the CONNECT's,
then the inner one's) goes to the log named on the command line. Prints its port, then serves for
120 s at most."""
import socketserver
import sys
import threading

LOG = sys.argv[1]
CREATED = (
    b'{"dossier_url":"http://plateforme.test/commencer/guichet-adoption-du-cloud-computing'
    b'?prefill_token=tok-123","state":"prefilled","dossier_id":"RG9zc2llci05ODc2NTQ=",'
    b'"dossier_number":987654,"dossier_prefill_token":"tok-123"}'
)


def read_request(rfile):
    """The request line, after reading the headers and the body."""
    line = rfile.readline().decode("latin-1").strip()
    length = 0
    while True:
        header = rfile.readline().decode("latin-1").strip()
        if not header:
            break
        name, _, value = header.partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    if length:
        rfile.read(length)
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(line + "\n")
    return line


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = read_request(self.rfile)
        if line.startswith("CONNECT "):
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            read_request(self.rfile)
        self.wfile.write(
            b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(CREATED)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + CREATED
        )


server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(120, server.shutdown).start()
server.serve_forever()
