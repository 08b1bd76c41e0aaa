"""E-mail messages: an outbox written with the change that causes each message, delivered by a
background task over SMTP (or into `.eml` files in the instance folder when no server is set).

How it fits together
- `kinds.py` names every kind of message. `outbox.enqueue()` renders one message of a kind
  for one `recipients.Recipient` and adds it to the caller's session: it is committed (or
  rolled back) with the change that caused it, and after the commit the delivery task starts.
- `delivery.py` claims each due message atomically, builds the e-mail (`compose.py`), sends
  it through `transports.py`, and retries temporary failures with exponential back-off.
- `unsubscribe.py` signs the links that switch optional kinds off and stores the opt-outs.
- `operations.py`, `queries.py` and `views.py`: this area's own messages (invitations,
  broadcasts, resends) and pages (outbox lists, Sent mail read by `sentmail.py`).

Adding a new kind of message
1. Declare it in `kinds.py` (`MessageKind(name, label, optional=...)`) and add it to `KINDS`.
   Optional kinds carry `List-Unsubscribe` and can be switched off by their recipients.
2. Write `templates/messages/<name>.txt` and `templates/messages/<name>.html`, extending
   `messages/base.txt` and `messages/base.html` (greeting, signature, unsubscribe line;
   `messages/_button.html` has a call-to-action button). Links must be absolute: templates
   receive `external_url` (from `matchmaker.links`, on `PUBLIC_BASE_URL`).
3. In the operation that causes the message, for each recipient call
   `outbox.enqueue(session, kinds.YOURS, Recipient.of_participant(p), subject, context,
   event=event, attachments=[outbox.calendar_part(ics, "REQUEST")])` and let the caller
   commit as usual. `enqueue` writes nothing and returns None for withdrawn participants,
   deactivated accounts and addresses that switched the kind off. It needs a request
   context to build links (in a background job: `app.test_request_context()` with
   `PUBLIC_BASE_URL` set).
"""
