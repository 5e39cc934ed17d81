using Onboarding.Testing;

namespace Onboarding.Tests.Support;

/// <summary>
/// The Azurite the tests use: the one <c>./test.sh</c> started (ONBOARDING_TEST_STORAGE), or,
/// when tests run on their own (an IDE, <c>dotnet test</c>), the bench's <see cref="AzuriteProcess"/>
/// from node_modules on free ports with a fresh data folder, killed when the test process exits.
/// </summary>
public static class TestStorage
{
    static readonly Lazy<string> Connection = new(Resolve);

    public static string ConnectionString => Connection.Value;

    static string Resolve()
    {
        string? fromScript = Environment.GetEnvironmentVariable("ONBOARDING_TEST_STORAGE");
        return string.IsNullOrEmpty(fromScript) ? StartAzurite() : fromScript;
    }

    static string StartAzurite()
    {
        AzuriteProcess azurite = AzuriteProcess.StartAsync(RepositoryRoot.Path).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite.ConnectionString;
    }
}
