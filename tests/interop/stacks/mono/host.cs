// An .asmx host for the interop suite: xsp4 crashes at start-up on this Mono (a TypeLoadException
// in Mono.Security), so this serves an ASP.NET application folder (its .asmx files, their ?WSDL
// and help pages) from an HttpListener.  Usage: mono host.exe PORT FOLDER (host.exe must also be
// in FOLDER/bin, where ASP.NET loads it from).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading;
using System.Web;
using System.Web.Hosting;

public class Host : MarshalByRefObject {
    public static int Main(string[] args) {
        var host = (Host)ApplicationHost.CreateApplicationHost(typeof(Host), "/", Path.GetFullPath(args[1]));
        host.Run(int.Parse(args[0]));
        return 0;
    }

    public override object InitializeLifetimeService() { return null; }  // lives as long as the process

    // runs in the application's domain: one request at a time, each until ASP.NET ends it
    public void Run(int port) {
        var listener = new HttpListener();
        listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
        listener.Start();
        Console.Out.WriteLine("listening on " + port);
        Console.Out.Flush();
        while (true) {
            HttpListenerContext context = listener.GetContext();
            try {
                var worker = new Worker(context);
                HttpRuntime.ProcessRequest(worker);
                worker.Done.WaitOne();
            } catch (Exception e) {
                Console.Error.WriteLine(e);
            } finally {
                context.Response.Close();
            }
        }
    }
}

class Worker : SimpleWorkerRequest {
    readonly HttpListenerContext context;
    readonly byte[] body;
    readonly MemoryStream output = new MemoryStream();
    public readonly ManualResetEvent Done = new ManualResetEvent(false);

    public Worker(HttpListenerContext context)
        : base(context.Request.Url.AbsolutePath.TrimStart('/'), context.Request.Url.Query.TrimStart('?'), TextWriter.Null) {
        this.context = context;
        using (var read = new MemoryStream()) {
            context.Request.InputStream.CopyTo(read);
            body = read.ToArray();
        }
    }

    public override string GetHttpVerbName() { return context.Request.HttpMethod; }
    public override string GetRawUrl() { return context.Request.RawUrl; }
    public override string GetUriPath() { return context.Request.Url.AbsolutePath; }
    public override string GetLocalAddress() { return "127.0.0.1"; }
    public override int GetLocalPort() { return context.Request.Url.Port; }
    public override string GetServerName() { return "127.0.0.1"; }
    public override string GetKnownRequestHeader(int index) {
        return context.Request.Headers[GetKnownRequestHeaderName(index)];
    }
    public override string[][] GetUnknownRequestHeaders() {
        var unknown = new List<string[]>();
        foreach (string name in context.Request.Headers.AllKeys)
            if (GetKnownRequestHeaderIndex(name) < 0)
                unknown.Add(new[] {name, context.Request.Headers[name]});
        return unknown.ToArray();
    }
    public override byte[] GetPreloadedEntityBody() { return body; }
    public override int GetPreloadedEntityBodyLength() { return body.Length; }
    public override int GetTotalEntityBodyLength() { return body.Length; }
    public override bool IsEntireEntityBodyIsPreloaded() { return true; }
    public override int ReadEntityBody(byte[] buffer, int size) { return 0; }

    public override void SendStatus(int code, string description) {
        context.Response.StatusCode = code;
        context.Response.StatusDescription = description;
    }
    public override void SendKnownResponseHeader(int index, string value) {
        SendUnknownResponseHeader(GetKnownResponseHeaderName(index), value);
    }
    public override void SendUnknownResponseHeader(string name, string value) {
        if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)) return;
        if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            context.Response.ContentType = value;
        else
            context.Response.Headers[name] = value;
    }
    public override void SendResponseFromMemory(byte[] data, int length) { output.Write(data, 0, length); }
    public override void SendResponseFromMemory(IntPtr data, int length) {
        var copy = new byte[length];
        System.Runtime.InteropServices.Marshal.Copy(data, copy, 0, length);
        output.Write(copy, 0, length);
    }
    public override void FlushResponse(bool finalFlush) {}
    public override void EndOfRequest() {
        byte[] answer = output.ToArray();
        context.Response.ContentLength64 = answer.Length;
        context.Response.OutputStream.Write(answer, 0, answer.Length);
        Done.Set();
    }
}
