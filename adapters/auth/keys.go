package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// keySource holds the public keys of a JWKS file.
type keySource struct {
	// file is the key set read from Config.JWKSFile; nil when unset.
	file jwk.Set
}

// newKeySource reads cfg.JWKSFile.
func newKeySource(_ context.Context, cfg Config) (*keySource, error) {
	ks := &keySource{}
	if cfg.JWKSFile != "" {
		set, err := jwk.ReadFile(cfg.JWKSFile, jwk.WithRejectDuplicateKID(true))
		if err != nil {
			return nil, fmt.Errorf("read jwks file: %w", err)
		}
		if err := checkSet(set); err != nil {
			return nil, fmt.Errorf("jwks file %s: %w", cfg.JWKSFile, err)
		}
		ks.file = set
	}
	return ks, nil
}

// checkSet refuses a key set holding a symmetric or private key, or no
// usable signature key at all.
func checkSet(set jwk.Set) error {
	usableKeys := 0
	for i := range set.Len() {
		key, _ := set.Key(i)
		kid, _ := key.KeyID()
		switch key.(type) {
		case jwk.SymmetricKey:
			return fmt.Errorf("key %d (kid %q): symmetric keys are not accepted", i, kid)
		case jwk.RSAPrivateKey, jwk.ECDSAPrivateKey, jwk.OKPPrivateKey:
			return fmt.Errorf("key %d (kid %q): holds a private key", i, kid)
		}
		if usable(key) {
			usableKeys++
		}
	}
	if usableKeys == 0 {
		return errors.New("no usable signature keys")
	}
	return nil
}

// usable reports whether key is a valid public key meant for signatures.
func usable(key jwk.Key) bool {
	switch key.(type) {
	case jwk.RSAPrivateKey, jwk.ECDSAPrivateKey, jwk.OKPPrivateKey:
		return false
	case jwk.RSAPublicKey, jwk.ECDSAPublicKey, jwk.OKPPublicKey:
	default:
		return false
	}
	if use, ok := key.KeyUsage(); ok && use != jwk.ForSignature.String() {
		return false
	}
	return key.Validate() == nil
}

// asymmetricKeyType returns the key type that signs with alg, or "" when
// alg is not an accepted asymmetric signature algorithm.
func asymmetricKeyType(alg jwa.SignatureAlgorithm) string {
	switch alg.String() {
	case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512":
		return jwa.RSA().String()
	case "ES256", "ES384", "ES512":
		return jwa.EC().String()
	case "EdDSA", "Ed25519":
		return jwa.OKP().String()
	}
	return ""
}

// fits reports whether key may verify a signature made with alg: its type
// matches alg, and its own alg, if any, is alg.
func fits(key jwk.Key, alg jwa.SignatureAlgorithm) bool {
	if key.KeyType().String() != asymmetricKeyType(alg) {
		return false
	}
	if ka, ok := key.Algorithm(); ok && ka.String() != alg.String() {
		return false
	}
	return true
}

// sets returns the current key sets.
func (ks *keySource) sets() []jwk.Set {
	var out []jwk.Set
	if ks.file != nil {
		out = append(out, ks.file)
	}
	return out
}

// lookup returns the key to verify a signature made with alg: the usable
// key named kid, or, when kid is empty, the only usable key.
func (ks *keySource) lookup(alg jwa.SignatureAlgorithm, kid string) (jwk.Key, error) {
	var candidates []jwk.Key
	for _, set := range ks.sets() {
		for i := range set.Len() {
			key, ok := set.Key(i)
			if !ok {
				continue
			}
			if k, _ := key.KeyID(); kid != "" && k != kid {
				continue
			}
			if usable(key) {
				candidates = append(candidates, key)
			}
		}
	}
	switch {
	case kid != "" && len(candidates) == 0:
		return nil, invalid("unknown kid %s", quoteShort(kid))
	case kid == "" && len(candidates) != 1:
		return nil, invalid("missing kid with %d jwks keys", len(candidates))
	}
	for _, key := range candidates {
		if fits(key, alg) {
			return key, nil
		}
	}
	return nil, invalid("alg %s does not fit the key", alg.String())
}
