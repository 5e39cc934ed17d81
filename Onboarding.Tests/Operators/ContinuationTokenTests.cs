using Onboarding.Application.Operators.Http;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Operators;

/// <summary>The listing's continuation token: unpadded base64url of the table's token, as issued before.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class ContinuationTokenTests
{
    /// <summary>Table tokens and their encodings by the hand-written encoder this service used before ('-', '_', no padding).</summary>
    public static TheoryData<string, string> IssuedBefore() => new()
    {
        { "c3RhZ2UtbG9ja2Vk MjUx???", "YzNSaFoyVXRiRzlqYTJWayBNalV4Pz8_" },
        { "YWxs MjUx>?~", "WVd4cyBNalV4Pj9-" },
        { "YWxs MjUx~?", "WVd4cyBNalV4fj8" },
    };

    [Theory]
    [MemberData(nameof(IssuedBefore))]
    public void Encode_TableToken_IsTheTokenIssuedBefore(string tableToken, string issued)
    {
        Assert.Equal(issued, ContinuationToken.Encode(tableToken));
    }

    [Theory]
    [MemberData(nameof(IssuedBefore))]
    public void Decode_TokenIssuedBefore_IsTheTableToken(string tableToken, string issued)
    {
        Assert.Equal(tableToken, ContinuationToken.Decode(issued));
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("WVd4cyBNalV4Pj9+")] // standard base64, not base64url
    [InlineData("A")]
    [InlineData("")]
    [InlineData("YQE")] // "a\u0001": a control character
    public void Decode_NotIssuedByUs_Null(string text)
    {
        Assert.Null(ContinuationToken.Decode(text));
    }

    [Fact]
    public void Decode_LongerThan2048_Null()
    {
        Assert.Null(ContinuationToken.Decode(ContinuationToken.Encode(new string('x', 1600))));
    }
}
