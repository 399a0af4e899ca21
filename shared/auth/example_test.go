package auth_test

import (
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/nianbao/nianbao/shared/auth"
)

func ExampleVerifier_Verify() {
	secret := []byte("a shared secret of 32 bytes or more")
	keys, err := auth.HMACSecret(secret)
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2021, 3, 20, 10, 0, 0, 0, time.UTC)
	v := auth.NewVerifier(keys, auth.Options{Issuer: "https://login.example.gov.cn/nianbao", Audience: "nianbao",
		Now: func() time.Time { return now }})

	// What an identity provider would issue to an agency's uploader.
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: secret}, nil)
	token, _ := jwt.Signed(signer).Claims(map[string]any{
		"iss": "https://login.example.gov.cn/nianbao", "aud": "nianbao", "sub": "uploader-1",
		"exp": now.Add(time.Hour).Unix(), "creditCode": "11410303MB0000001X",
	}).Serialize()

	claims, err := v.Verify(token)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := auth.FromClaims(claims.Flat(), nil)
	fmt.Println(p.CreditCode, p.MayFile("11410303MB0000001X"), p.MayFile("91110000100000000X"))

	_, err = v.Verify(token[:len(token)-4] + "AAAA")
	fmt.Println(err != nil)
	// Output:
	// 11410303MB0000001X true false
	// true
}

func ExampleFromClaims() {
	// Claims as API Gateway's JWT authorizer passes them to a function.
	p := auth.FromClaims(map[string]string{"sub": "ops", "scope": "openid nianbao/admin"}, nil)
	fmt.Println(p.Admin(), p.MayFile("91110000100000000X"))
	// Output: true true
}
