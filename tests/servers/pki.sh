# pki.sh - throwaway CAs and certificates for the test servers that speak
# TLS (slapd, ejabberd, kamailio). Sourced by their harnesses and tests.
#
#   test_pki DIR        ca.crt, ca.key, server.crt, server.key in DIR (2
#                       days): a server certificate for localhost and
#                       127.0.0.1
#   test_pki_ca DIR [CN]                 ca.crt, ca.key in DIR
#   test_pki_leaf DIR NAME SAN EKU DAYS  NAME.crt, NAME.key in DIR, signed
#                       by DIR's CA: SAN as openssl writes it
#                       ("DNS:a,IP:127.0.0.1"), EKU ("serverAuth,clientAuth",
#                       or "none" for no extension), DAYS of validity
#                       (-1: expired yesterday)
#   test_pki_future DIR NAME SAN         NAME.crt, NAME.key in DIR, signed by
#                       DIR's CA, valid from 2030 to 2031 (both EKUs): a
#                       certificate that is not valid yet

test_pki_ca() {
	(
		cd "$1" &&
		openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 400 \
			-subj "/CN=${2:-ucmig test CA}" -addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	)
}

test_pki_leaf() {
	(
		_pki_cn=${3%%,*}
		_pki_cn=${_pki_cn#*:}            # the first name, as the common name
		cd "$1" &&
		openssl req -newkey rsa:2048 -nodes -keyout "$2.key" -out "$2.csr" \
			-subj "/CN=$_pki_cn" 2>/dev/null &&
		{
			printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\n' "$3"
			printf 'keyUsage=digitalSignature,keyEncipherment\n'
			[ "$4" = none ] || printf 'extendedKeyUsage=%s\n' "$4"
		} >"$2.ext" &&
		openssl x509 -req -in "$2.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
			-out "$2.crt" -days "$5" -extfile "$2.ext" 2>/dev/null
	)
}

test_pki_future() {
	(
		cd "$1" &&
		openssl req -newkey rsa:2048 -nodes -keyout "$2.key" -out "$2.csr" -subj "/CN=${3#DNS:}" 2>/dev/null &&
		printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n' "$3" >"$2.ext" &&
		: >"$2.index" && echo 1000 >"$2.serial" &&
		cat >"$2.cnf" <<-EOF &&
		[ca]
		default_ca = test
		[test]
		database = $2.index
		serial = $2.serial
		new_certs_dir = .
		default_md = sha256
		policy = any
		[any]
		commonName = supplied
		EOF
		# x509 -req of OpenSSL 3.0 cannot set the start date; ca can.
		openssl ca -batch -config "$2.cnf" -cert ca.crt -keyfile ca.key -in "$2.csr" -out "$2.crt" \
			-startdate 20300101000000Z -enddate 20310101000000Z -extfile "$2.ext" -notext 2>/dev/null
	)
}

test_pki() {
	test_pki_ca "$1" && test_pki_leaf "$1" server "DNS:localhost,IP:127.0.0.1" serverAuth 2
}
