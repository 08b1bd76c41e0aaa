"""E-mail messages: an outbox written with the change that causes each message, delivered by a
background task over SMTP (or into `.eml` files in the instance folder when no server is set).

How it fits together
- `kinds.py` names every kind of message; `outbox.enqueue()` renders one message of a kind
  for one recipient and adds it to the caller's session: it is committed (or rolled back)
  with the change that caused it, and after the commit the delivery task starts.
- `delivery.py` claims each due message atomically, sends it through `transports.py`, and
  retries temporary failures with exponential back-off.
- `operations.py` and `queries.py` hold this area's own messages (invitations, broadcasts,
  resends) and the lists organisers and admins see; `views.py` their pages.

Adding a new kind of message
1. Declare it in `kinds.py` (`MessageKind(name, label, optional=...)`) and add it to `KINDS`.
   Optional kinds carry `List-Unsubscribe` and can be switched off by their recipients.
2. Write `templates/messages/<name>.txt` and `templates/messages/<name>.html`, extending
   `messages/base.txt` and `messages/base.html` (they add greeting, footer and the
   unsubscribe line). Links must be absolute: use `external_url(...)` from `matchmaker.links`,
   which the templates receive.
3. In the operation that causes the message, call
   `outbox.enqueue(session, kind, Recipient.of_participant(p), subject, context, event=...)`
   for each recipient, with `attachments=[calendar_part(ics, "REQUEST")]` and the like,
   and let the caller commit as usual. `enqueue` returns None, writing nothing, for
   withdrawn participants, deactivated accounts and addresses that switched the kind off.
"""
