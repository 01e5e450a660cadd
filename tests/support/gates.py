"""Small helpers for driving a programme through its gates over HTTP."""

from typing import Any


class Driver:
    def __init__(self, client: Any, auth: Any, code: str) -> None:
        self.client, self.auth, self.code = client, auth, code

    def version(self) -> int:
        body = self.client.get(f"/api/v1/programmes/{self.code}", headers=self.auth("cpmo")).json
        return body["version"]

    def fire(self, event: str, role: str, **extra: Any) -> Any:
        body = {"event": event, "version": extra.pop("version", None) or self.version(), **extra}
        needs_rationale = event.split("_")[0] in ("approve", "return", "stop", "endorse")
        if needs_rationale and "rationale" not in body:
            body["rationale"] = f"{event} after review"
        return self.client.post(
            f"/api/v1/programmes/{self.code}/events", json=body, headers=self.auth(role)
        )

    def ok(self, event: str, role: str, **extra: Any) -> Any:
        response = self.fire(event, role, **extra)
        assert response.status_code == 200, (event, response.json)
        return response.json

    def case(self, body: dict[str, Any], role: str = "programme_manager") -> Any:
        response = self.client.post(
            f"/api/v1/programmes/{self.code}/business-cases", json=body, headers=self.auth(role)
        )
        assert response.status_code == 201, response.json
        return response.json

    def stage(self) -> str:
        return self.client.get(f"/api/v1/programmes/{self.code}", headers=self.auth("cpmo")).json[
            "stage"
        ]
