package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"time"

	"github.com/lestrrat-go/httprc/v3"
	"github.com/lestrrat-go/httprc/v3/errsink"
	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// jwksMaxRefresh bounds how far a Cache-Control max-age of the JWKS server
// may stretch the refresh interval (unless JWKSRefresh itself is longer).
const jwksMaxRefresh = time.Hour

// jwksShutdownTimeout bounds the wait for the refresh goroutines to stop
// when NewVerifier gives up.
const jwksShutdownTimeout = 5 * time.Second

// keySource holds the public keys of a JWKS file and of a JWKS URL.
type keySource struct {
	// file is the key set read from Config.JWKSFile; nil when unset.
	file jwk.Set
	// remote is the cache entry of Config.JWKSURL, refreshed in the
	// background by cache; nil when unset. Its Resource method returns
	// the key set fetched last.
	remote *httprc.ResourceBase[jwk.Set]
	cache  *jwk.Cache
	url    string
}

// newKeySource reads cfg.JWKSFile and fetches cfg.JWKSURL, and starts the
// background refresh of the latter, which lives as long as ctx.
func newKeySource(ctx context.Context, cfg Config) (*keySource, error) {
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
	if cfg.JWKSURL != "" {
		if err := ks.startRemote(ctx, cfg); err != nil {
			return nil, err
		}
	}
	return ks, nil
}

// startRemote registers cfg.JWKSURL with a jwk.Cache, fetches it once and
// leaves the cache refreshing it until ctx ends.
func (ks *keySource) startRemote(ctx context.Context, cfg Config) error {
	if err := checkJWKSURL(cfg.JWKSURL); err != nil {
		return err
	}
	refresh := cfg.JWKSRefresh
	if refresh == 0 {
		refresh = DefaultJWKSRefresh
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	client := httprc.NewClient(httprc.WithErrorSink(errsink.NewFunc(func(ctx context.Context, err error) {
		logger.WarnContext(ctx, "jwks refresh failed", "error", err)
	})))
	cache, err := jwk.NewCache(ctx, client)
	if err != nil {
		return fmt.Errorf("start jwks cache: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jwksShutdownTimeout)
			defer cancel()
			_ = cache.Shutdown(sctx)
		}
	}()
	err = cache.Register(ctx, cfg.JWKSURL,
		jwk.WithWaitReady(false),
		jwk.WithMinInterval(refresh),
		jwk.WithMaxInterval(max(refresh, jwksMaxRefresh)),
	)
	if err != nil {
		return fmt.Errorf("register jwks url: %w", err)
	}
	// Fetch now rather than wait for the background fetch, so that an
	// unreachable or broken JWKS fails start-up with its reason.
	set, err := cache.Refresh(ctx, cfg.JWKSURL)
	if err != nil {
		return fmt.Errorf("fetch jwks url: %w", err)
	}
	if err := checkSet(set); err != nil {
		return fmt.Errorf("jwks url: %w", err)
	}
	remote, err := cache.LookupResource(ctx, cfg.JWKSURL)
	if err != nil {
		return fmt.Errorf("jwks url: %w", err)
	}
	ks.cache, ks.remote, ks.url = cache, remote, cfg.JWKSURL
	ok = true
	return nil
}

// refresh fetches the JWKS URL anew, outside the background schedule.
func (ks *keySource) refresh(ctx context.Context) error {
	if ks.cache == nil {
		return errors.New("no jwks url configured")
	}
	_, err := ks.cache.Refresh(ctx, ks.url)
	return err
}

// checkJWKSURL refuses a JWKS URL that is not absolute https, allowing
// plain http only on a loopback host.
func checkJWKSURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("jwks url: %w", err)
	}
	switch {
	case u.Host == "":
		return errors.New("jwks url: missing host")
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	default:
		return errors.New("jwks url: want https (plain http only on a loopback host)")
	}
}

// isLoopback reports whether host names the local machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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

// sets returns the current key sets: the file's, then the URL's.
func (ks *keySource) sets() []jwk.Set {
	var out []jwk.Set
	if ks.file != nil {
		out = append(out, ks.file)
	}
	if ks.remote != nil {
		if set := ks.remote.Resource(); set != nil {
			out = append(out, set)
		}
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
