//! IP addresses, parsed by the standard library (which also rejects octets with leading zeros).

pub(super) fn check(m: &str) -> bool {
    if m.contains(':') {
        m.matches(':').count() >= 2 && m.parse::<std::net::Ipv6Addr>().is_ok()
    } else {
        m.parse::<std::net::Ipv4Addr>().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn v4_and_v6() {
        assert!(check("192.168.10.1"));
        assert!(check("2001:db8::1"));
        assert!(check("fe80:0:0:0:202:b3ff:fe1e:8329"));
        assert!(!check("256.1.1.1"));
        assert!(!check("12:30:45"));
        assert!(!check("01.02.03.04"));
    }
}
