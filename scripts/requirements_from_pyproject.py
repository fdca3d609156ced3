"""Print the dependencies pyproject.toml declares (with the dev extra).

`make lock` installs these into a scratch environment and freezes the result
into requirements.lock, which is what every install uses.
"""

import tomllib
from pathlib import Path

project = tomllib.loads(Path("pyproject.toml").read_text())["project"]
for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
    print(requirement)
