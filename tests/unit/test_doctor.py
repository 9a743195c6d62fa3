"""The doctor: one screen of at most 40 lines of 100 columns, and for each problem what to do, on faked
platforms (a Mac without loopback aliases, a proxy, a missing certificate file, a small laptop, a foreign
Python)."""

from types import SimpleNamespace

from helpers.sandbox import doctor, process


def test_the_screen_fits_40_lines_of_100_columns():
    long = [doctor.Finding(f"topic {i}", i % 2 == 0, "a finding that goes on " * 12) for i in range(30)]
    for text in (doctor.screen(long, "full"), doctor.report("full"), doctor.report("minimal")):
        lines = text.splitlines()
        assert len(lines) <= doctor.HEIGHT and max(map(len, lines)) <= doctor.WIDTH, text


def test_a_mac_without_loopback_aliases_gets_the_ifconfig_lines(monkeypatch):
    monkeypatch.setattr(doctor.sys, "platform", "darwin")
    monkeypatch.setattr(process, "address_is_local", lambda address: address == "127.0.0.1")
    found = doctor.addresses("full")
    assert not found.ok
    assert "sudo ifconfig lo0 alias 127.0.0.2 up" in found.text and "sudo ifconfig lo0 alias 127.0.0.3 up" in found.text
    assert doctor.addresses("minimal").ok  # machine 1 only


def test_a_proxy_must_leave_the_loopback_addresses_alone():
    caught = doctor.network({"HTTPS_PROXY": "http://proxy.example:3128"})
    assert not caught.ok and "NO_PROXY" in caught.text
    assert doctor.network({"HTTPS_PROXY": "http://proxy.example:3128", "NO_PROXY": "localhost, 127.0.0.1"}).ok
    assert doctor.network({}).ok


def test_a_certificate_setting_must_name_a_file(tmp_path):
    missing = doctor.network({"SSL_CERT_FILE": str(tmp_path / "corporate-ca.pem")})
    assert not missing.ok and "corporate-ca.pem is not a file" in missing.text
    (tmp_path / "corporate-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    assert doctor.network({"SSL_CERT_FILE": str(tmp_path / "corporate-ca.pem")}).ok


def test_a_small_laptop_is_pointed_to_the_minimal_profile(monkeypatch):
    monkeypatch.setattr(doctor.psutil, "virtual_memory", lambda: SimpleNamespace(available=3 * doctor.GB))
    monkeypatch.setattr(doctor, "_sandbox_resident_bytes", lambda services: 0)
    full = doctor.memory("full")
    assert not full.ok and "PROFILE=minimal" in full.text
    assert doctor.memory("minimal").ok


def test_a_python_outside_the_course_venv_is_named(monkeypatch):
    monkeypatch.setattr(doctor.sys, "prefix", "/usr")
    monkeypatch.setattr(doctor.sys, "base_prefix", "/usr")
    found = doctor.python_and_kernel()
    assert not found.ok and "make setup" in found.text and ".venv" in found.text
