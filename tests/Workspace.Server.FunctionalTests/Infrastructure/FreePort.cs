using System.Net;
using System.Net.Sockets;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Loopback ports nobody is listening on, for hosts that run side by side.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
