using Onboarding.Testing;

namespace Onboarding.Tests.Support;

/// <summary>Finds files of the repository (the solution's folder) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Repository.Root();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
