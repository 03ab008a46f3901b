#!/usr/bin/env bash
# Makes a throw-away PKI for TLS tests in OUTDIR (created if missing):
#   ca.crt                 the trusted test CA
#   good.{crt,key}         localhost + 127.0.0.1 (SAN), signed by the CA
#   wronghost.{crt,key}    wrong.invalid only, signed by the CA
#   unknownca.{crt,key}    localhost + 127.0.0.1, signed by a CA nobody trusts
#   expired.{crt,key}      localhost + 127.0.0.1, signed by the CA, valid in 2020 only
#   sns.{crt,key}          sns.us-east-1.amazonaws.com and sns.us-east-2.amazonaws.com,
#                          signed by the CA (a local stand-in for the SNS host)
# Keys are P-256, nothing is password protected. Uses only the openssl CLI.
set -euo pipefail
out="${1:?usage: make_test_ca.sh OUTDIR}"
mkdir -p "$out"
cd "$out"

ca() {  # name subject
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
        -keyout "$1.key" -out "$1.crt" -days 30 -subj "/CN=$2" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

csr() {  # name
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
        -keyout "$1.key" -out "$1.csr" -subj "/CN=$1" 2>/dev/null
}

ext() {  # name san
    cat > "$1.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$2
EXT
}

sign() {  # name ca
    openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial \
        -days 30 -sha256 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}

ca ca "mailwarden test CA"
ca rogue-ca "mailwarden untrusted CA"

san_local="DNS:localhost,IP:127.0.0.1"
csr good && ext good "$san_local" && sign good ca
csr wronghost && ext wronghost "DNS:wrong.invalid" && sign wronghost ca
csr unknownca && ext unknownca "$san_local" && sign unknownca rogue-ca
csr sns && ext sns "DNS:sns.us-east-1.amazonaws.com,DNS:sns.us-east-2.amazonaws.com" && sign sns ca

# A validity period in the past needs `openssl ca` (-startdate/-enddate):
# OpenSSL 3.0's x509 and req only count days from now.
csr expired && ext expired "$san_local"
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test_ca
[test_ca]
dir = ca-db
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
certificate = ca.crt
private_key = ca.key
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
CNF
openssl ca -batch -config ca.cnf -notext -startdate 20200101000000Z -enddate 20200102000000Z \
    -extfile expired.ext -in expired.csr -out expired.crt 2>/dev/null

rm -f ./*.csr ./*.ext ./*.srl
echo "test PKI ready in $out"
