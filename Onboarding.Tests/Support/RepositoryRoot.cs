namespace Onboarding.Tests.Support;

/// <summary>Finds files of the repository (the solution's folder) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Onboarding.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
