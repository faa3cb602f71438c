#!/usr/bin/env python3
"""A prodbench control-plane client in Python (grpcio), straight from the .proto files.

Generates the Python stubs at run time with grpc_tools.protoc from proto/ into
a temporary folder (nothing generated is committed), lists the live instances
of a service with the level of each logger, and sets a level with a TTL.

    python3 examples/python/client.py --server 127.0.0.1:50051 --service checkout \
        --logger db --level debug --ttl 60s --reason "from python"

Needs grpcio and grpcio-tools (Debian: apt-get install python3-grpcio python3-grpc-tools).
Exit codes: 0 done, 1 the call failed (the gRPC status is printed), 2 bad arguments.
"""

import argparse
import atexit
import glob
import importlib
import os
import re
import shutil
import socket
import sys
import tempfile

PROTO_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "proto")
# Metadata key the control plane records as the author of a change (ctl sends user@host).
AUTHOR_KEY = "x-prodbench-author"


def load_stubs(proto_root):
    """Runs protoc (from grpcio-tools) on the .proto files; returns the rules, control-plane and stub modules."""
    from grpc_tools import protoc

    out = tempfile.mkdtemp(prefix="prodbench-py-")
    atexit.register(shutil.rmtree, out, True)
    # Every file of the package: control_plane.proto imports the others.
    files = sorted(glob.glob(os.path.join(proto_root, "prodbench", "v1", "*.proto")))
    code = protoc.main(["protoc", f"-I{proto_root}", f"--python_out={out}", f"--grpc_python_out={out}", *files])
    if code != 0:
        raise RuntimeError(f"protoc failed ({code}) on {proto_root}")
    sys.path.insert(0, out)
    return (
        importlib.import_module("prodbench.v1.rules_pb2"),
        importlib.import_module("prodbench.v1.control_plane_pb2"),
        importlib.import_module("prodbench.v1.control_plane_pb2_grpc"),
    )


def parse_ttl(text):
    """'90s', '15m', '1h' or plain milliseconds -> milliseconds."""
    match = re.fullmatch(r"(\d+)(ms|s|m|h)?", text)
    if not match:
        raise argparse.ArgumentTypeError(f"--ttl {text!r}: use a number with ms, s, m or h (e.g. 15m)")
    factor = {"ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, None: 1}[match.group(2)]
    return int(match.group(1)) * factor


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get("PRODBENCH_SERVER", "127.0.0.1:50051"))
    parser.add_argument("--service", required=True)
    parser.add_argument("--logger", default="", help="logger name; empty: every logger")
    parser.add_argument("--level", help="level to set (trace, debug, info, warn, error, fatal, silent)")
    parser.add_argument("--ttl", type=parse_ttl, default=parse_ttl("15m"))
    parser.add_argument("--reason", default="python client")
    parser.add_argument("--proto-root", default=PROTO_ROOT)
    args = parser.parse_args(argv)

    import grpc

    rules_pb2, pb2, pb2_grpc = load_stubs(os.path.abspath(args.proto_root))
    with grpc.insecure_channel(args.server) as channel:
        stub = pb2_grpc.ControlPlaneStub(channel)
        try:
            listed = stub.ListInstances(pb2.ListInstancesRequest(service=args.service), timeout=10)
            print(f"{len(listed.instances)} instance(s) of {args.service}:")
            for info in listed.instances:
                levels = ", ".join(f"{lv.logger or '(root)'}={lv.level}" for lv in info.applied.levels)
                print(f"  {info.identity.instance}  revision {info.applied.revision}  {levels}")

            if args.level:
                rule = pb2.RuleSpec(
                    selector=rules_pb2.Selector(service=args.service, logger=args.logger),
                    level=args.level,
                    ttl_ms=args.ttl,
                    reason=args.reason,
                )
                author = f"{os.environ.get('USER', 'python')}@{socket.gethostname()}"
                result = stub.SetRule(
                    pb2.SetRuleRequest(rule=rule), metadata=[(AUTHOR_KEY, author)], timeout=30
                )
                r = result.rollout
                target = f"{args.service}/{args.logger}" if args.logger else args.service
                print(
                    f"{args.level} on {target}: applied on {len(r.applied)}/"
                    f"{len(r.applied) + len(r.pending) + len(r.rejected)} instances in {r.elapsed_ms} ms"
                    f" (rule {result.rules[-1].id if result.rules else '?'}, revision {r.revision})"
                )
        except grpc.RpcError as err:
            code = dict(err.trailing_metadata() or ()).get("x-prodbench-code", "")
            print(f"error: {err.code().name} {code}: {err.details()}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
