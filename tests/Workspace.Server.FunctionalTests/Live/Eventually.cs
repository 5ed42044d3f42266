namespace Workspace.Server.FunctionalTests.Live;

/// <summary>Waits for a condition that other parties make true (a broadcast arriving), failing with a message after a generous bound.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string because, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting: {because}");
            }

            await Task.Delay(10);
        }
    }
}
