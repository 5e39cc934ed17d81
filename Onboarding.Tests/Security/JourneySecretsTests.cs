using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Security;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Security;

/// <summary>
/// Tokens and HMACs keep their wire format (unpadded base64url): HMACs stored in journey rows and
/// orchestration histories before a deploy must still match the ones computed after it.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class JourneySecretsTests
{
    [Fact]
    public void Hmac_KnownKeyAndSecret_IsTheUnpaddedBase64UrlIssuedBefore()
    {
        var secrets = new JourneySecrets(Options.Create(new OnboardingOptions { HmacKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) }));

        string hmac = secrets.Hmac(SecretPurpose.PhoneCode, "0123456789abcdef0123456789abcdef", "123456");

        // Computed with the hand-written encoder this service used before (and with Python's base64).
        Assert.Equal("N-gWniHyOyX7DSP5jlUFhCncFoJRYw86xno5ovGIq1k", hmac);
    }

    [Fact]
    public void NewToken_Always_256BitsAsUnpaddedBase64Url()
    {
        for (int i = 0; i < 200; i++)
        {
            string token = JourneySecrets.NewToken();

            Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
            Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(token).Length);
        }
    }
}
