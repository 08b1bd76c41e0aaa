"""The OpenAPI 3.1 document: valid, served without a token, and describing every route."""

from __future__ import annotations

import copy
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from tests.web.api.contract import API_ROOT, document


def test_the_served_document_is_valid_openapi_3_1(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    served = response.json
    assert served is not None
    assert served["openapi"] == "3.1.0"
    validate(served, cls=OpenAPIV31SpecValidator)
    assert served["servers"] == [{"url": "http://localhost/api/v1"}]
    assert served["paths"] == document()["paths"]


def test_every_route_is_documented_and_every_documented_route_exists(app: Flask) -> None:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:[^<>]*:)?([a-z_]+)>", r"{\1}", rule.rule).removeprefix(API_ROOT)
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
                routes.add((method.lower(), path))
    documented = {(method, path) for path, item in document()["paths"].items() for method in item}
    assert routes == documented


def test_the_validator_would_catch_a_broken_document() -> None:
    broken = copy.deepcopy(document())
    broken["paths"]["/me"]["get"]["responses"]["200"]["content"]["application/json"] = {
        "schema": {"type": "no-such-type"}
    }
    with pytest.raises(OpenAPIValidationError):
        validate(broken, cls=OpenAPIV31SpecValidator)
