"""Run by the LRS's own Python (.venv-lrs): validate statements (JSON on stdin) with Ralph's xAPI models.

Prints one line per invalid statement (its id and the errors); nothing when all are valid.
"""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

for statement in json.load(sys.stdin):
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as exc:
        print(statement.get("id"), "::", str(exc).replace("\n", " | "))
