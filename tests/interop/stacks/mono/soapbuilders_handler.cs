// SOAPBuilders round 2 base (rpc/encoded and document/literal: `wsdl -server` writes both with the
// same signatures): every operation answers its input.
using System;
using System.Web.Services;

public static class Handler {
    public static string echoString(WebService service, string input) { return input; }
    public static string[] echoStringArray(WebService service, string[] input) { return input; }
    public static int echoInteger(WebService service, int input) { return input; }
    public static int[] echoIntegerArray(WebService service, int[] input) { return input; }
    public static float echoFloat(WebService service, float input) { return input; }
    public static float[] echoFloatArray(WebService service, float[] input) { return input; }
    public static SOAPStruct echoStruct(WebService service, SOAPStruct input) { return input; }
    public static SOAPStruct[] echoStructArray(WebService service, SOAPStruct[] input) { return input; }
    public static void echoVoid(WebService service) {}
    public static byte[] echoBase64(WebService service, byte[] input) { return input; }
    public static byte[] echoHexBinary(WebService service, byte[] input) { return input; }
    public static DateTime echoDate(WebService service, DateTime input) { return input; }
    public static decimal echoDecimal(WebService service, decimal input) { return input; }
    public static bool echoBoolean(WebService service, bool input) { return input; }
}
