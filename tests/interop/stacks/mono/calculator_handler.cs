// The dneonline calculator (corpus): the four operations, integer division truncating.
public static class Handler {
    public static int Add(Calculator service, int a, int b) { return a + b; }
    public static int Subtract(Calculator service, int a, int b) { return a - b; }
    public static int Multiply(Calculator service, int a, int b) { return a * b; }
    public static int Divide(Calculator service, int a, int b) { return a / b; }
}
