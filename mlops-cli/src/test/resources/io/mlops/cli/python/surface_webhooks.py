"""MLflow 3's webhooks API with the stock client: a real receiver checks each delivery's
X-MLflow-Signature with MLflow's own signing function."""
import hmac
import json
import queue
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from mlflow import MlflowClient
from mlflow.webhooks.delivery import _generate_hmac_signature

from surface import check, expect_error, finish

model_file, name = sys.argv[1], sys.argv[2]
SECRET = "a-secret-of-enough-length"
deliveries = queue.Queue()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        deliveries.put((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"received")

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_port}/hook"
client = MlflowClient()
created = {}


def verified(expected_entity, expected_action):
    headers, body = deliveries.get(timeout=60)
    expected = _generate_hmac_signature(
        SECRET, headers["X-MLflow-Delivery-Id"], headers["X-MLflow-Timestamp"], body)
    assert hmac.compare_digest(headers["X-MLflow-Signature"], expected), headers
    payload = json.loads(body)
    assert (payload["entity"], payload["action"]) == (expected_entity, expected_action), payload
    return payload["data"]


def create_get_list():
    hook = client.create_webhook(
        name="on-versions", url=url, events=["model_version.created", "model_version_alias.created"],
        description="tells CI", secret=SECRET)
    created["id"] = hook.webhook_id
    assert client.get_webhook(hook.webhook_id).name == "on-versions"
    assert [w.webhook_id for w in client.list_webhooks()] == [hook.webhook_id]
    assert str(client.get_webhook(hook.webhook_id).status) == "ACTIVE"


def update():
    hook = client.update_webhook(created["id"], description="tells CI and chat", status="DISABLED")
    assert hook.description == "tells CI and chat" and str(hook.status) == "DISABLED", hook
    hook = client.update_webhook(created["id"], status="ACTIVE")
    assert str(hook.status) == "ACTIVE" and hook.description == "tells CI and chat", hook


def test_delivery():
    result = client.test_webhook(created["id"])
    assert result.success and result.response_status == 200, result
    assert verified("model_version", "created")["name"] == "example_model"


def delivered_on_registry_events():
    client.create_registered_model(name)
    version = client.create_model_version(name, model_file)
    data = verified("model_version", "created")
    assert (data["name"], data["version"]) == (name, version.version), data
    client.set_registered_model_alias(name, "production", version.version)
    data = verified("model_version_alias", "created")
    assert (data["name"], data["alias"], data["version"]) == (name, "production", version.version), data


def delete():
    client.delete_webhook(created["id"])
    expect_error("RESOURCE_DOES_NOT_EXIST", lambda: client.get_webhook(created["id"]))


def unsupported_events():
    expect_error("INVALID_PARAMETER_VALUE", lambda: client.create_webhook(
        name="prompts", url=url, events=["prompt.created"], secret=SECRET))


check("MlflowClient.create_webhook / get_webhook / list_webhooks", create_get_list,
      status="partly", note="events: model_version.created, model_version_alias.created/deleted; "
                            "a secret of 16+ characters is required")
check("MlflowClient.update_webhook", update)
check("MlflowClient.test_webhook (X-MLflow-Signature)", test_delivery)
check("webhook deliveries on registry events (X-MLflow-Signature)", delivered_on_registry_events)
check("MlflowClient.delete_webhook", delete)
check("MlflowClient.create_webhook with events this registry does not raise", unsupported_events,
      status="partly", note="refused with INVALID_PARAMETER_VALUE: registered_model.created, "
                            "model_version_tag.*, prompt events")
finish()
server.shutdown()
