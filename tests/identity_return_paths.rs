//! A login returns only to a path of the app's own origin: every other
//! target (another host, a scheme, a protocol-relative or backslash path)
//! falls back to the home page. Kept out of the app's source so that its
//! only hosts are the ones it really talks to.

use sportello_lavoro::domain::identity::{login_url, safe_return_path, Provider};

#[test]
fn return_paths_stay_on_this_origin() {
    assert_eq!(safe_return_path("/did"), "/did");
    assert_eq!(
        safe_return_path("/offerte?q=cuoco&p=2"),
        "/offerte?q=cuoco&p=2"
    );
    for bad in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "did",
        "",
        "/a\nb",
    ] {
        assert_eq!(safe_return_path(bad), "/", "{bad:?}");
    }
    assert_eq!(safe_return_path(&format!("/{}", "a".repeat(2000))), "/");
}

#[test]
fn login_url_encodes_the_return_path() {
    assert_eq!(
        login_url("/api/v1/", "/offerte?q=cuoco&p=2", Some(Provider::Cie)),
        "/api/v1/auth/login?return=/offerte%3Fq%3Dcuoco%26p%3D2&provider=cie"
    );
    assert_eq!(
        login_url("/api/v1", "//evil.example", None),
        "/api/v1/auth/login?return=/"
    );
}
