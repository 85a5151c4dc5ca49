package auth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
)

// minRSABits is the smallest RSA modulus accepted from a JWKS file.
const minRSABits = 2048

// rsaKey is one RSA verification key taken from a JWKS file.
type rsaKey struct {
	kid string
	pub *rsa.PublicKey
}

// jwkSet is the JSON layout of a JWKS document (RFC 7517).
type jwkSet struct {
	Keys []jwk `json:"keys"`
}

// jwk is the subset of JSON Web Key members needed for RSA signature keys.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Alg string `json:"alg"`
	Use string `json:"use"`
	N   string `json:"n"`
	E   string `json:"e"`
}

// loadJWKSFile reads the JWKS file at path and returns its RSA signature keys.
func loadJWKSFile(path string) ([]rsaKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read jwks: %w", err)
	}
	keys, err := parseJWKS(data)
	if err != nil {
		return nil, fmt.Errorf("parse jwks %s: %w", path, err)
	}
	return keys, nil
}

// parseJWKS decodes a JWKS document and keeps the keys usable for RS256
// signature verification. Keys of another type, or meant for encryption or
// for another algorithm, are skipped; a malformed RSA key is an error, as is
// a document without any usable key or with a key id used twice.
func parseJWKS(data []byte) ([]rsaKey, error) {
	var set jwkSet
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("decode json: %w", err)
	}
	var keys []rsaKey
	seen := make(map[string]bool)
	for i, k := range set.Keys {
		if k.Kty != "RSA" || (k.Use != "" && k.Use != "sig") || (k.Alg != "" && k.Alg != algRS256) {
			continue
		}
		pub, err := k.rsaPublicKey()
		if err != nil {
			return nil, fmt.Errorf("key %d (kid %q): %w", i, k.Kid, err)
		}
		if k.Kid != "" {
			if seen[k.Kid] {
				return nil, fmt.Errorf("key %d: duplicate kid %q", i, k.Kid)
			}
			seen[k.Kid] = true
		}
		keys = append(keys, rsaKey{kid: k.Kid, pub: pub})
	}
	if len(keys) == 0 {
		return nil, errors.New("no RS256 signature keys")
	}
	return keys, nil
}

// rsaPublicKey builds the RSA public key from the base64url modulus and
// exponent of k.
func (k jwk) rsaPublicKey() (*rsa.PublicKey, error) {
	nBytes, err := decodeBase64URL(k.N)
	if err != nil {
		return nil, fmt.Errorf("decode n: %w", err)
	}
	eBytes, err := decodeBase64URL(k.E)
	if err != nil {
		return nil, fmt.Errorf("decode e: %w", err)
	}
	n := new(big.Int).SetBytes(nBytes)
	if n.BitLen() < minRSABits {
		return nil, fmt.Errorf("check n: modulus has %d bits, want at least %d", n.BitLen(), minRSABits)
	}
	e := new(big.Int).SetBytes(eBytes)
	// The exponent must fit in an int, be odd and be greater than 1.
	if !e.IsInt64() || e.Int64() > 1<<31-1 || e.Int64() < 3 || e.Bit(0) == 0 {
		return nil, errors.New("check e: unsupported public exponent")
	}
	return &rsa.PublicKey{N: n, E: int(e.Int64())}, nil
}

// decodeBase64URL decodes unpadded base64url, tolerating trailing padding
// that some JWKS producers add.
func decodeBase64URL(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	if s == "" {
		return nil, errors.New("empty value")
	}
	return base64.RawURLEncoding.DecodeString(s)
}
