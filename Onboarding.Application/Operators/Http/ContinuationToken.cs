using System.Buffers.Text;
using System.Text;

namespace Onboarding.Application.Operators.Http;

/// <summary>
/// The listing's <c>continuationToken</c>: the table's continuation token ("base64(partition)
/// base64(row)") as unpadded base64url, so it travels in a query string as it is.
/// </summary>
public static class ContinuationToken
{
    const int MaxLength = 2048;

    public static string Encode(string tableToken) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tableToken));

    /// <summary>The table's token, or null when <paramref name="text"/> is not one this service issued.</summary>
    public static string? Decode(string text)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }

        try
        {
            string token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            return token.Length > 0 && !token.Any(char.IsControl) ? token : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
