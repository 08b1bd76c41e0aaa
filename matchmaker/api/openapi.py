"""The OpenAPI 3.1 document of API v1: every route, its answers and their schemas.

The tests check the document with a validator and every answer of every route against it,
so a route or a field added without its description fails them.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

TEXT: Schema = {"type": "string"}
WHEN: Schema = {"type": ["string", "null"], "format": "date-time"}
MAYBE_TEXT: Schema = {"type": ["string", "null"]}
INTEGER: Schema = {"type": "integer"}
MAYBE_INTEGER: Schema = {"type": ["integer", "null"]}
TEXTS: Schema = {"type": "array", "items": TEXT}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Schema], *, extra: bool = False) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": extra,
    }


def _list_of(item: Schema, **extra: Schema) -> Schema:
    return _object({"items": {"type": "array", "items": item}, "links": _ref("Links"), **extra})


ORGANISATION = _object(
    {
        "name": TEXT,
        "country": TEXT,
        "cluster": TEXT,
        "type": TEXT,
        "sectors": TEXTS,
        "technologies": TEXTS,
        "website": TEXT,
    }
)
PERSON_FIELDS: dict[str, Schema] = {
    "id": INTEGER,
    "first_name": TEXT,
    "last_name": TEXT,
    "job_title": TEXT,
    "organisation": _ref("Organisation"),
    "offers": TEXT,
    "seeks": TEXT,
}
EVENT_FIELDS: dict[str, Schema] = {
    "slug": TEXT,
    "name": TEXT,
    "mission": TEXT,
    "venue": TEXT,
    "timezone": TEXT,
    "phase": {"enum": ["draft", "registration", "preferences", "scheduled", "published"]},
    "mode": {"enum": ["on_site", "online", "hybrid"]},
    "slot_minutes": INTEGER,
    "registration_deadline": WHEN,
    "preferences_deadline": WHEN,
    "published_at": WHEN,
    "sectors": TEXTS,
    "technologies": TEXTS,
}
SLOT = _object({"id": INTEGER, "starts_at": WHEN, "ends_at": WHEN})
LEVEL: Schema = {"enum": ["must", "want", "maybe", "not"]}

SCHEMAS: dict[str, Schema] = {
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details.",
        "properties": {
            "type": TEXT,
            "title": TEXT,
            "status": INTEGER,
            "detail": TEXT,
            "instance": TEXT,
            "errors": {"type": "object", "additionalProperties": TEXTS},
        },
        "required": ["type", "title", "status"],
    },
    "Links": _object({"self": TEXT, "next": MAYBE_TEXT}),
    "User": _object(
        {
            "id": INTEGER,
            "email": TEXT,
            "name": TEXT,
            "role": {"enum": ["participant", "organiser", "admin"]},
        }
    ),
    "Organisation": ORGANISATION,
    "Person": _object(PERSON_FIELDS),
    "Profile": _object(
        {
            **PERSON_FIELDS,
            "email": TEXT,
            "phone": TEXT,
            "location": MAYBE_TEXT,
            "max_meetings": MAYBE_INTEGER,
            "online": {"type": "boolean", "description": "Meets by video."},
            "video_link": MAYBE_TEXT,
            "timezone": MAYBE_TEXT,
            "withdrawn": {"type": "boolean"},
            "availability_saved_at": WHEN,
        }
    ),
    "Event": _object(EVENT_FIELDS),
    "MyEvent": _object({**EVENT_FIELDS, "participant_id": INTEGER}),
    "OrganisedEvent": _object(
        {
            **EVENT_FIELDS,
            "participants": INTEGER,
            "withdrawn": INTEGER,
            "slots": INTEGER,
            "tables": INTEGER,
        }
    ),
    "Mission": _object(
        {
            "slug": TEXT,
            "name": TEXT,
            "partnership": TEXT,
            "target_market": TEXT,
            "start_date": {"type": ["string", "null"], "format": "date"},
            "end_date": {"type": ["string", "null"], "format": "date"},
            "events": TEXTS,
        }
    ),
    "Slot": SLOT,
    "Availability": _object(
        {
            "slots": {
                "type": "array",
                "items": _object(
                    {"id": INTEGER, "starts_at": WHEN, "ends_at": WHEN, "free": {"type": "boolean"}}
                ),
            },
            "locked": {"type": "boolean"},
            "saved_at": WHEN,
        }
    ),
    "Reason": _object({"kind": TEXT, "terms": TEXTS}),
    "CatalogueEntry": _object(
        {
            **PERSON_FIELDS,
            "score": INTEGER,
            "reasons": {"type": "array", "items": _ref("Reason")},
            "colleague": {"type": "boolean"},
            "my_mark": {"enum": ["must", "want", "maybe", "not", None]},
        }
    ),
    "Mark": _object({"participant_id": INTEGER, "level": LEVEL, "note": TEXT, "updated_at": WHEN}),
    "AgendaMeeting": _object(
        {
            "id": INTEGER,
            "slot": _ref("Slot"),
            "place": MAYBE_TEXT,
            "cancelled": {"type": "boolean"},
            "video_link": {**MAYBE_TEXT, "description": "Where an online meeting is held."},
            "moved_from": {"oneOf": [_ref("Slot"), {"type": "null"}]},
            "partner": _ref("Person"),
            "reasons": {"type": "array", "items": _ref("Reason")},
        }
    ),
    "Agenda": _object(
        {
            "published": {"type": "boolean"},
            "timezone": TEXT,
            "meetings": {"type": "array", "items": _ref("AgendaMeeting")},
        }
    ),
    "Meeting": _object(
        {
            "id": INTEGER,
            "participant_a": INTEGER,
            "participant_b": INTEGER,
            "slot": _ref("Slot"),
            "table": MAYBE_TEXT,
            "location": MAYBE_TEXT,
            "video_link": MAYBE_TEXT,
            "status": {"enum": ["confirmed", "cancelled"]},
            "locked": {"type": "boolean"},
        }
    ),
    "Solve": _object(
        {
            "id": INTEGER,
            "status": {"enum": ["queued", "running", "succeeded", "failed", "cancelled"]},
            "active": {"type": "boolean"},
            "phase": TEXT,
            "progress": {"type": "number", "minimum": 0},
            "best_weight": MAYBE_INTEGER,
            "bound": MAYBE_INTEGER,
            "elapsed_s": {"type": "number"},
            "time_limit_s": {"type": "number"},
            "minimal_change": {"type": "boolean"},
            "stop_reason": MAYBE_TEXT,
            "error": TEXT,
            "created_at": WHEN,
            "finished_at": WHEN,
            "applied_at": WHEN,
            "stats": {"type": "object"},
        }
    ),
    "Applied": _object(
        {
            "solve": _ref("Solve"),
            "added": INTEGER,
            "moved": INTEGER,
            "cancelled": INTEGER,
            "unchanged": INTEGER,
            "phase": TEXT,
        }
    ),
    "ImportReport": _object(
        {
            "imported": {"type": "boolean"},
            "added": INTEGER,
            "updated": INTEGER,
            "rows": INTEGER,
            "new": INTEGER,
            "update": INTEGER,
            "unchanged": INTEGER,
            "refused": {
                "type": "array",
                "items": _object(
                    {
                        "row": INTEGER,
                        "email": TEXT,
                        "errors": {
                            "type": "array",
                            "items": _object({"column": TEXT, "message": TEXT}),
                        },
                    }
                ),
            },
            "unknown_terms": {
                "type": "array",
                "items": _object(
                    {
                        "kind": TEXT,
                        "text": TEXT,
                        "rows": {"type": "array", "items": INTEGER},
                        "suggestions": TEXTS,
                    }
                ),
            },
        }
    ),
}

PROFILE_CHANGE: Schema = {
    "type": "object",
    "properties": {
        **{
            name: TEXT
            for name in (
                "name",
                "country",
                "cluster",
                "type",
                "website",
                "description",
                "offers",
                "seeks",
                "job_title",
                "email",
                "phone",
                "location",
            )
        },
        "sectors": TEXTS,
        "technologies": TEXTS,
        "max_meetings": MAYBE_INTEGER,
        "online": {"type": "boolean"},
        "video_link": TEXT,
        "timezone": TEXT,
    },
    "additionalProperties": False,
}
SLUG = {"name": "slug", "in": "path", "required": True, "schema": TEXT}
RUN_ID = {"name": "run_id", "in": "path", "required": True, "schema": INTEGER}
PARTICIPANT_ID = {"name": "participant_id", "in": "path", "required": True, "schema": INTEGER}
LIMIT = {
    "name": "limit",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1, "maximum": 200},
}
CURSOR = {
    "name": "cursor",
    "in": "query",
    "schema": TEXT,
    "description": "The `links.next` of the previous page holds it.",
}
PAGE = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
PAGED = [LIMIT, CURSOR]
ERRORS = ("400", "401", "403", "404", "405", "409", "415", "422", "429")


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": _ref("Problem")}},
    }


PROBLEMS = {
    "400": _problem("The request is malformed."),
    "401": _problem("No token, or an unknown or revoked one."),
    "403": _problem("A read-only token asked to change something."),
    "404": _problem("Not found, or not yours to see."),
    "405": _problem("This method is not allowed here."),
    "409": _problem("The event's state refuses the change now."),
    "415": _problem("The body is not of a supported media type."),
    "422": _problem("The body's values are refused; `errors` names the fields."),
    "429": {
        **_problem("Too many requests with this token: wait `Retry-After` seconds."),
        "headers": {"Retry-After": {"schema": INTEGER}},
    },
}


def _json(schema: Schema, description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(
    summary: str,
    answers: dict[str, Any],
    parameters: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "parameters": parameters or [],
        "responses": {
            **answers,
            **{code: {"$ref": f"#/components/responses/{code}"} for code in ERRORS},
        },
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": body}
    return operation


def _json_body(schema: Schema) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


PATHS: dict[str, dict[str, Any]] = {
    "/me": {"get": _operation("The token's account", {"200": _json(_ref("User"))})},
    "/events": {
        "get": _operation(
            "Events the account takes part in", {"200": _json(_list_of(_ref("MyEvent")))}, PAGED
        )
    },
    "/events/{slug}": {
        "get": _operation(
            "An event (its participants and organisers)", {"200": _json(_ref("Event"))}, [SLUG]
        )
    },
    "/events/{slug}/profile": {
        "get": _operation("My record at the event", {"200": _json(_ref("Profile"))}, [SLUG]),
        "patch": _operation(
            "Change my record (the profile page's checks; fields left out keep their value; "
            "the organisation's fields only for its approved members)",
            {"200": _json(_ref("Profile"))},
            [SLUG],
            _json_body(PROFILE_CHANGE),
        ),
    },
    "/events/{slug}/availability": {
        "get": _operation("My availability", {"200": _json(_ref("Availability"))}, [SLUG]),
        "put": _operation(
            "Replace my availability (the slots not listed are busy)",
            {"200": _json(_ref("Availability"))},
            [SLUG],
            _json_body(_object({"free": {"type": "array", "items": INTEGER}})),
        ),
    },
    "/events/{slug}/catalogue": {
        "get": _operation(
            "Everyone else at the event, best match first",
            {
                "200": _json(
                    _list_of(_ref("CatalogueEntry"), page=INTEGER, pages=INTEGER, total=INTEGER)
                )
            },
            [
                SLUG,
                PAGE,
                *(
                    {"name": name, "in": "query", "schema": TEXT}
                    for name in ("q", "country", "sector", "technology", "type", "sort")
                ),
            ],
        )
    },
    "/events/{slug}/marks": {
        "get": _operation("My marks", {"200": _json(_list_of(_ref("Mark")))}, [SLUG, *PAGED])
    },
    "/events/{slug}/marks/{participant_id}": {
        "put": _operation(
            "Mark one person",
            {"200": _json(_ref("Mark"))},
            [SLUG, PARTICIPANT_ID],
            _json_body(
                {
                    "type": "object",
                    "properties": {"level": LEVEL, "note": TEXT},
                    "required": ["level"],
                }
            ),
        ),
        "delete": _operation(
            "Remove my mark for one person",
            {"204": {"description": "Done"}},
            [SLUG, PARTICIPANT_ID],
        ),
    },
    "/events/{slug}/agenda": {
        "get": _operation("My meetings once published", {"200": _json(_ref("Agenda"))}, [SLUG])
    },
    "/organise/missions": {
        "get": _operation("Missions I organise", {"200": _json(_list_of(_ref("Mission")))}, PAGED)
    },
    "/organise/events/{slug}": {
        "get": _operation("An organised event", {"200": _json(_ref("OrganisedEvent"))}, [SLUG])
    },
    "/organise/events/{slug}/participants": {
        "get": _operation(
            "The event's participants", {"200": _json(_list_of(_ref("Profile")))}, [SLUG, *PAGED]
        )
    },
    "/organise/events/{slug}/participants/import": {
        "post": _operation(
            "Import participants from CSV or XLSX (the Import page's checks)",
            {"200": _json(_ref("ImportReport"))},
            [SLUG, {"name": "dry_run", "in": "query", "schema": {"enum": ["0", "1", "true"]}}],
            {
                "text/csv": {"schema": TEXT},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
                },
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": TEXT}, "required": ["file"]}
                },
            },
        )
    },
    "/organise/events/{slug}/schedule": {
        "get": _operation(
            "The confirmed meetings", {"200": _json(_list_of(_ref("Meeting")))}, [SLUG, *PAGED]
        )
    },
    "/organise/events/{slug}/schedule/publish": {
        "post": _operation("Publish the agendas", {"200": _json(_ref("Event"))}, [SLUG])
    },
    "/organise/events/{slug}/exports/{kind}.{fmt}": {
        "get": _operation(
            "Meetings or participants as CSV or XLSX",
            {
                "200": {
                    "description": "The file",
                    "content": {
                        "text/csv": {"schema": TEXT},
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            "schema": {"type": "string"}
                        },
                    },
                },
                "304": {"description": "Not modified (ETag)"},
            },
            [
                SLUG,
                {
                    "name": "kind",
                    "in": "path",
                    "required": True,
                    "schema": {"enum": ["meetings", "participants"]},
                },
                {
                    "name": "fmt",
                    "in": "path",
                    "required": True,
                    "schema": {"enum": ["csv", "xlsx"]},
                },
            ],
        )
    },
    "/organise/events/{slug}/solves": {
        "get": _operation(
            "The event's solves", {"200": _json(_list_of(_ref("Solve")))}, [SLUG, *PAGED]
        ),
        "post": _operation(
            "Start a solve",
            {
                "202": {
                    **_json(_ref("Solve"), "Queued"),
                    "headers": {"Location": {"schema": TEXT}},
                },
                "200": {
                    **_json(_ref("Solve"), "A solve was already under way"),
                    "headers": {"Location": {"schema": TEXT}},
                },
            },
            [SLUG],
            _json_body(
                {
                    "type": "object",
                    "properties": {"time_limit_s": INTEGER, "minimal_change": {"type": "boolean"}},
                }
            ),
        ),
    },
    "/organise/events/{slug}/solves/{run_id}": {
        "get": _operation("A solve's progress", {"200": _json(_ref("Solve"))}, [SLUG, RUN_ID])
    },
    "/organise/events/{slug}/solves/{run_id}/cancel": {
        "post": _operation("Cancel a solve", {"200": _json(_ref("Solve"))}, [SLUG, RUN_ID])
    },
    "/organise/events/{slug}/solves/{run_id}/apply": {
        "post": _operation(
            "Apply a solve's schedule", {"200": _json(_ref("Applied"))}, [SLUG, RUN_ID]
        )
    },
}


def openapi_document(server_url: str) -> dict[str, Any]:
    """The whole document, for the API served at `server_url`."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "matchmaker API",
            "version": "1",
            "description": "Personal access tokens are made on the account page. Errors are "
            "RFC 9457 problem details; lists are paginated with `limit` and `cursor` (or "
            "`page`), following `links.next`; each token has a rate limit (429).",
        },
        "servers": [{"url": server_url}],
        "security": [{"token": []}],
        "paths": {
            **PATHS,
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": _json({"type": "object"})},
                }
            },
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
            "responses": PROBLEMS,
        },
    }
