"""The command line's signing jobs: ``keygen`` and ``verify``, and reading a password safely.

Passwords come from a file (``--password-file``, first line) or from the terminal without
echo; they are never printed, logged or kept.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from importer_app.core.errors import AppError

EXIT_OK, EXIT_NO = 0, 1


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    keygen = commands.add_parser(
        "keygen", help="create a self-signed signing identity (PKCS#12)",
        description="Create a key and a self-signed certificate for signing bundles, saved as a password-protected"
                    " PKCS#12 file. Send the printed fingerprint to CBP by another channel (letter, phone) so they"
                    " can check that a bundle was signed by you. A certificate from a certification authority"
                    " (a .p12 or .pfx file) can be used instead.")
    keygen.add_argument("-o", "--output", type=Path, required=True, metavar="ID.p12", help="the identity file to create")
    keygen.add_argument("--name", required=True, help="the signer's name, e.g. Dana R. Whitfield")
    keygen.add_argument("--org", required=True, help="the organisation, e.g. Harborline Apparel Inc.")
    keygen.add_argument("--email", help="the signer's e-mail address")
    keygen.add_argument("--days", type=int, default=730, help="how many days the certificate is valid (default 730)")
    keygen.add_argument("--cert-out", type=Path, metavar="CERT.pem",
                        help="also write the certificate alone (no secret in it), for recipients' verify --trust")
    keygen.add_argument("--password-file", type=Path, metavar="FILE",
                        help="read the password from the first line of FILE instead of asking")
    keygen.set_defaults(run=run_keygen)

    verify = commands.add_parser(
        "verify", help="check a signed bundle: signature, later changes, attached originals",
        description="Check that a bundle is exactly as it was signed, and that every attached original matches its"
                    " SHA-256 in the manifest. Exit 0 only if everything is intact, 1 with the reason otherwise,"
                    " 2 if the file cannot be read.")
    verify.add_argument("bundle", type=Path, metavar="BUNDLE.pdf", help="the bundle or one of its volumes")
    verify.add_argument("--trust", type=Path, metavar="CERT.pem",
                        help="the signer's certificate (or a CA's) to trust; without it a self-signed signer is"
                             " reported as not independently trusted")
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.set_defaults(run=run_verify)


def read_password(password_file: Path | None, *, prompt: str, confirm: bool) -> bytes:
    """The password from ``password_file`` or the terminal (asked twice when ``confirm``)."""
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise AppError(f"Cannot read the password file {password_file} ({error.strerror}).") from error
        if not lines or not lines[0]:
            raise AppError(f"The password file {password_file} is empty; put the password on its first line.")
        return lines[0].encode("utf-8")
    if not sys.stdin.isatty():
        raise AppError("No terminal to ask for the password on: give it with --password-file FILE.")
    password = getpass.getpass(prompt)
    if not password:
        raise AppError("The password must not be empty.")
    if confirm and getpass.getpass("Type it again: ") != password:
        raise AppError("The two passwords differ; nothing was written.")
    return password.encode("utf-8")


def run_keygen(args: argparse.Namespace) -> int:
    from importer_app.bundle.identity import create_identity, save_identity

    if args.days < 1:
        raise AppError("--days must be at least 1.")
    password = read_password(args.password_file, prompt=f"Password for {args.output}: ", confirm=True)
    identity = create_identity(args.name, args.org, args.email, args.days, password=password)
    save_identity(identity, args.output, cert_path=args.cert_out)
    print(f"Wrote the signing identity {args.output} for {args.name}, {args.org} (valid {args.days} days).")
    if args.cert_out:
        print(f"Wrote its certificate to {args.cert_out}.")
    print(f"Certificate fingerprint (SHA-256): {identity.fingerprint_sha256}")
    print("Send this fingerprint to the recipient by another channel so they can check your signature.")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from importer_app.bundle.verify import load_trust_anchors, verify_pdf

    trust = load_trust_anchors(args.trust) if args.trust else None
    report = verify_pdf(args.bundle, trust)
    if args.json:
        print(report.to_json())
    else:
        print(report.summary)
        for reason in report.reasons:
            print(f"  ! {reason}")
        for note in report.notes:
            print(f"  - {note}")
    return EXIT_OK if report.passed else EXIT_NO
