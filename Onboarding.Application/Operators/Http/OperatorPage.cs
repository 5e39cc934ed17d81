using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Operators.Http;

/// <summary>
/// The operator page at <c>/ops</c>: one self-contained HTML file (no assets from the internet). It
/// says whether the platform signed the operator in, so the page asks for the key without first
/// trying a call that would answer 401.
/// </summary>
public static class OperatorPage
{
    static readonly Lazy<string> Html = new(() =>
    {
        using Stream stream = typeof(OperatorPage).Assembly.GetManifestResourceStream("ops.html")
            ?? throw new InvalidOperationException("ops.html is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    const string SignedInMarker = "<meta name=\"operator-signed-in\" content=\"false\">";

    public static Task<IResult> ServeAsync(bool signedIn) => Task.FromResult<IResult>(new Page(signedIn));

    sealed class Page(bool signedIn) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            return response.WriteAsync(signedIn ? Html.Value.Replace(SignedInMarker, SignedInMarker.Replace("false", "true", StringComparison.Ordinal), StringComparison.Ordinal) : Html.Value);
        }
    }
}
