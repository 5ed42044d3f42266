namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>The administrator every test host starts with (created from Workspace:Setup:Admin*).</summary>
public static class Personas
{
    public const string AdminEmail = "admin@roundtable.example";
    public const string Password = "a long enough password";
    public const string SetupToken = "functional-test-setup-token";
}
