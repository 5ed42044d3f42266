using System.Net;
using System.Net.Sockets;

namespace Workspace.Server.FunctionalTests.Privacy;

/// <summary>
/// A TCP relay on 127.0.0.1 between one person's clients (REST and hub) and the server, keeping every
/// byte of every connection in both directions: what the server sent is what that person received;
/// what the client sent names the requests.
/// </summary>
public sealed class RecordingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<RelayedConnection> _connections = [];
    private readonly List<Task> _pumps = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RecordingRelay(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = Accept();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Every connection so far, in the order they were opened, with what went each way (copies).</summary>
    public IReadOnlyList<(int Number, byte[] FromClient, byte[] FromServer)> Connections
    {
        get
        {
            lock (_connections)
            {
                return _connections.Select((c, i) => (i + 1, c.FromClient.Snapshot(), c.FromServer.Snapshot())).ToArray();
            }
        }
    }

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _target);
            var connection = new RelayedConnection(client, server);
            lock (_connections)
            {
                _connections.Add(connection);
                _pumps.Add(Pump(client.GetStream(), server.GetStream(), connection.FromClient, connection));
                _pumps.Add(Pump(server.GetStream(), client.GetStream(), connection.FromServer, connection));
            }
        }
    }

    private async Task Pump(Stream from, Stream to, Recording recording, RelayedConnection connection)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                recording.Append(buffer.AsSpan(0, read)); // recorded before it is delivered: nothing arrives unrecorded
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side went away.
        }
        finally
        {
            connection.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Close();
            }
        }

        await _accepting;
        Task[] pumps;
        lock (_connections)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps);
        _stop.Dispose();
    }

    private sealed class RelayedConnection(TcpClient client, TcpClient server)
    {
        public Recording FromClient { get; } = new();

        public Recording FromServer { get; } = new();

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private sealed class Recording
    {
        private readonly MemoryStream _bytes = new();

        public void Append(ReadOnlySpan<byte> bytes)
        {
            lock (_bytes)
            {
                _bytes.Write(bytes);
            }
        }

        public byte[] Snapshot()
        {
            lock (_bytes)
            {
                return _bytes.ToArray();
            }
        }
    }
}
