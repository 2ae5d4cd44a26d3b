import pytest
from conftest import login
from kooperacja.core.tests.test_hostile_uploads import SparseBody, BOUNDARY

@pytest.mark.django_db
def test_dbg(client, coordinator_ops, tmp_path):
    p = tmp_path / "x"
    with open(p, "wb") as h:
        h.truncate(200*1024*1024)
    login(client, coordinator_ops)
    body = SparseBody(p, "file", "big.pdf")
    r = client.generic("POST", "/instytucje/import/", content_type=f"multipart/form-data; boundary={BOUNDARY}", **{"CONTENT_LENGTH": str(body.length), "wsgi.input": body})
    c = r.content.decode()
    i = c.find("<main")
    print(r.status_code, c[i:i+1500])
    assert 0
