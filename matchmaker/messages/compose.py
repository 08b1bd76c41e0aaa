"""A stored message as an RFC 5322 e-mail (standard library `EmailMessage`)."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.message import Message as MimeHeader
from email.utils import format_datetime

from matchmaker.models import Message


def _mime_type(content_type: str) -> tuple[str, str, dict[str, str]]:
    """`text/calendar; method=REQUEST` as ("text", "calendar", {"method": "REQUEST"})."""
    header = MimeHeader()
    header["Content-Type"] = content_type
    params = {name: str(value) for name, value in (header.get_params() or [])[1:]}
    return header.get_content_maintype(), header.get_content_subtype(), params


def recipient_address(message: Message) -> Address:
    """The `To:` address with its display name (quoted and encoded as needed)."""
    username, _at, domain = message.recipient_email.rpartition("@")
    return Address(display_name=message.recipient_name, username=username, domain=domain)


def content_id(filename: str) -> str:
    """The Content-ID (without brackets) of an inline image, as the HTML's `cid:` URLs
    name it: the image is the only part of its message with that file name."""
    return f"{filename}@matchmaker"


def email_message(message: Message, sender: str) -> EmailMessage:
    """The e-mail for `message`: the same bytes on every attempt but for the transport's own.

    Plain text first, then HTML with its inline images (multipart/related, each image named
    by `content_id`), then other inline parts (text, such as iTIP calendars) as
    alternatives; other attachments after them. Optional kinds get RFC 8058 one-click
    unsubscribe headers.
    """
    email = EmailMessage()
    email["From"] = sender
    email["To"] = recipient_address(message)
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email["Auto-Submitted"] = "auto-generated"
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    inline = [part for part in message.attachments if part.inline]
    html = email.get_body(("html",))
    for part in inline:
        maintype, subtype, params = _mime_type(part.content_type)
        if maintype == "image" and isinstance(html, EmailMessage):
            html.add_related(
                part.content,
                maintype=maintype,
                subtype=subtype,
                cid=f"<{content_id(part.filename)}>",
                filename=part.filename,
                disposition="inline",
            )
            continue
        charset = params.pop("charset", "utf-8")
        email.add_alternative(
            part.content.decode(charset), subtype=subtype, charset=charset, params=params
        )
    for part in message.attachments:
        if part in inline:
            continue
        maintype, subtype, params = _mime_type(part.content_type)
        email.add_attachment(
            part.content, maintype=maintype, subtype=subtype, filename=part.filename, params=params
        )
    return email
