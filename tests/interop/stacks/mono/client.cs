// A foreign client for the interop suite: Mono's `wsdl` proxy (SoapHttpClientProtocol), compiled
// with this driver from the WSDL soapsmith's server serves.  The proxy binds at compile time, but
// its classes carry their XML names as attributes, so one driver makes any job's calls by
// reflection: the job (stacks/__init__.py: {"location", "soap_version", "calls": [{"operation",
// "arguments", "headers"}]}) comes as JSON on stdin, each argument in wire form becomes the typed
// value the proxy's method takes, and each answer (or SoapException) comes back as JSON.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Web.Script.Serialization;
using System.Web.Services.Protocols;
using System.Xml;
using System.Xml.Serialization;

public static class InteropClient {
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Main(string[] args) {
        var json = new JavaScriptSerializer { MaxJsonLength = int.MaxValue };
        var job = (Dictionary<string, object>)json.DeserializeObject(Console.In.ReadToEnd());
        // `wsdl` writes a proxy class per binding: the one of the job's binding
        string binding = (string)job["binding"];
        Type proxyType = Assembly.GetExecutingAssembly().GetTypes().Single(t =>
            typeof(SoapHttpClientProtocol).IsAssignableFrom(t) &&
            ((System.Web.Services.WebServiceBindingAttribute)Attribute.GetCustomAttribute(
                t, typeof(System.Web.Services.WebServiceBindingAttribute))).Name == binding);
        var proxy = (SoapHttpClientProtocol)Activator.CreateInstance(proxyType);
        proxy.Url = (string)job["location"];
        if ((string)job["soap_version"] == "1.2") proxy.SoapVersion = SoapProtocolVersion.Soap12;
        var outcomes = new List<object>();
        foreach (Dictionary<string, object> call in (object[])job["calls"]) {
            try {
                outcomes.Add(Call(proxy, call));
            } catch (TargetInvocationException e) when (e.InnerException is SoapException) {
                var fault = (SoapException)e.InnerException;
                outcomes.Add(new Dictionary<string, object> {
                    {"fault", new Dictionary<string, object> {
                        {"code", fault.Code == null ? null : fault.Code.Name},
                        {"string", fault.Message},
                        {"detail", fault.Detail == null ? null : Children(fault.Detail)}}}});
            } catch (Exception e) {
                var error = e is TargetInvocationException ? e.InnerException : e;
                outcomes.Add(new Dictionary<string, object> {{"error", error.ToString()}});
            }
        }
        Console.Out.Write(json.Serialize(outcomes));
        return 0;
    }

    static Dictionary<string, object> Call(SoapHttpClientProtocol proxy, Dictionary<string, object> call) {
        string operation = (string)call["operation"];
        MethodInfo method = proxy.GetType().GetMethods()
            .Single(m => OperationName(m) == operation);
        // headers: the proxy's member of each header's class; none sent unless the call has one
        foreach (FieldInfo member in proxy.GetType().GetFields()
                     .Where(f => typeof(SoapHeader).IsAssignableFrom(f.FieldType)))
            member.SetValue(proxy, null);
        foreach (PropertyInfo member in proxy.GetType().GetProperties()
                     .Where(p => typeof(SoapHeader).IsAssignableFrom(p.PropertyType)))
            member.SetValue(proxy, null, null);
        foreach (Dictionary<string, object> header in (object[])call["headers"]) {
            string name = (string)header["name"];
            PropertyInfo member = proxy.GetType().GetProperties().Single(p =>
                typeof(SoapHeader).IsAssignableFrom(p.PropertyType) && XmlRootName(p.PropertyType) == name);
            member.SetValue(proxy, Typed(header["value"], member.PropertyType), null);
        }
        var arguments = (Dictionary<string, object>)call["arguments"];
        ParameterInfo[] parameters = method.GetParameters();
        var values = new object[parameters.Length];
        for (int i = 0; i < parameters.Length; ++i) {
            ParameterInfo parameter = parameters[i];
            if (parameter.IsOut) continue;
            Type type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType() : parameter.ParameterType;
            object value;
            if (arguments.TryGetValue(XmlName(parameter), out value))
                values[i] = Typed(value, type);
            else if (parameter.Name.EndsWith("Specified"))
                values[i] = arguments.ContainsKey(parameter.Name.Substring(0, parameter.Name.Length - 9));
        }
        object returned = method.Invoke(proxy, values);
        // the answer's parts: the return value (by its XML name) and the out parameters
        var parts = new Dictionary<string, object>();
        if (method.ReturnType != typeof(void)) {
            var element = method.ReturnTypeCustomAttributes.GetCustomAttributes(typeof(XmlElementAttribute), false)
                .Cast<XmlElementAttribute>().FirstOrDefault();
            var items = method.ReturnTypeCustomAttributes.GetCustomAttributes(typeof(XmlArrayItemAttribute), false)
                .Cast<XmlArrayItemAttribute>().FirstOrDefault();
            parts[element != null && element.ElementName != "" ? element.ElementName : operation + "Result"] =
                Wrapped(Plain(returned), items, method.ReturnType);
        }
        for (int i = 0; i < parameters.Length; ++i)
            if ((parameters[i].IsOut || parameters[i].ParameterType.IsByRef) && !IsSpecified(parameters[i]))
                parts[XmlName(parameters[i])] = Plain(values[i]);
        // an optional value type answered through out parameters comes with its *Specified flag
        for (int i = 0; i < parameters.Length; ++i)
            if (parameters[i].IsOut && IsSpecified(parameters[i]) && !(bool)values[i])
                parts[parameters[i].Name.Substring(0, parameters[i].Name.Length - 9)] = null;
        return new Dictionary<string, object> {{"result", parts.Count == 1 ? parts.Values.First() : (object)parts}};
    }

    static bool IsSpecified(ParameterInfo parameter) {
        return parameter.Name.EndsWith("Specified") && Attribute.IsDefined(parameter, typeof(XmlIgnoreAttribute));
    }

    static string OperationName(MethodInfo method) {
        var document = (SoapDocumentMethodAttribute)Attribute.GetCustomAttribute(method, typeof(SoapDocumentMethodAttribute));
        var rpc = (SoapRpcMethodAttribute)Attribute.GetCustomAttribute(method, typeof(SoapRpcMethodAttribute));
        if (document == null && rpc == null) return null;
        string request = document != null ? document.RequestElementName : rpc.RequestElementName;
        return string.IsNullOrEmpty(request) ? method.Name : request;
    }

    static string XmlName(ParameterInfo parameter) {
        var element = (XmlElementAttribute)Attribute.GetCustomAttribute(parameter, typeof(XmlElementAttribute));
        return element != null && element.ElementName != "" ? element.ElementName : parameter.Name;
    }

    static string XmlRootName(Type type) {
        var root = (XmlRootAttribute)Attribute.GetCustomAttribute(type, typeof(XmlRootAttribute));
        return root != null && root.ElementName != "" ? root.ElementName : type.Name;
    }

    // a member's key in the wire form: "@name" for an attribute, "#text" for simple content
    static string Key(PropertyInfo property) {
        if (Attribute.IsDefined(property, typeof(XmlTextAttribute))) return "#text";
        var attribute = (XmlAttributeAttribute)Attribute.GetCustomAttribute(property, typeof(XmlAttributeAttribute));
        if (attribute != null) return "@" + (attribute.AttributeName != "" ? attribute.AttributeName : property.Name);
        var element = (XmlElementAttribute)Attribute.GetCustomAttribute(property, typeof(XmlElementAttribute));
        if (element != null && element.ElementName != "") return element.ElementName;
        var array = (XmlArrayAttribute)Attribute.GetCustomAttribute(property, typeof(XmlArrayAttribute));
        if (array != null && array.ElementName != "") return array.ElementName;
        return property.Name;
    }

    static IEnumerable<PropertyInfo> Members(Type type) {
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !Attribute.IsDefined(p, typeof(XmlIgnoreAttribute))
                        && p.PropertyType != typeof(XmlElement[]) && p.PropertyType != typeof(XmlAttribute[]));
    }

    // -- wire form -> the proxy's types --------------------------------------------------------

    static object Typed(object value, Type type) {
        if (value == null) return null;
        Type inner = Nullable.GetUnderlyingType(type);
        if (inner != null) type = inner;
        var map = value as Dictionary<string, object>;
        if (map != null && map.Count == 1 && map.Keys.First().StartsWith("$") && map.Keys.First() != "$xsiType") {
            string kind = map.Keys.First(), lexical = (string)map.Values.First();
            switch (kind) {
                case "$base64Binary": return Convert.FromBase64String(lexical);
                case "$hexBinary": return Enumerable.Range(0, lexical.Length / 2)
                    .Select(i => Convert.ToByte(lexical.Substring(2 * i, 2), 16)).ToArray();
                case "$decimal": return decimal.Parse(lexical, NumberStyles.Float, Invariant);
                case "$long": return long.Parse(lexical, Invariant);
                case "$dateTime": return XmlConvert.ToDateTime(lexical, XmlDateTimeSerializationMode.RoundtripKind);
            }
            throw new ArgumentException("no wire form " + kind);
        }
        if (type.IsArray) {
            // a SOAP-encoded array's wire form holds its items under their element name
            if (map != null && map.Count == 1) value = map.Values.First();
            var items = value as object[] ?? new[] {value};
            Array array = Array.CreateInstance(type.GetElementType(), items.Length);
            for (int i = 0; i < items.Length; ++i) array.SetValue(Typed(items[i], type.GetElementType()), i);
            return array;
        }
        if (type.IsEnum) {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static)) {
                var named = (XmlEnumAttribute)Attribute.GetCustomAttribute(field, typeof(XmlEnumAttribute));
                if ((named != null ? named.Name : field.Name) == (string)value) return field.GetValue(null);
            }
            throw new ArgumentException(value + " is no " + type.Name);
        }
        if (type == typeof(Guid)) return new Guid((string)value);
        if (map == null && value is string && !type.IsPrimitive && type != typeof(string)) {
            // a class of simple content (a header element of a simple type): its text member
            PropertyInfo text = Members(type).FirstOrDefault(p => Attribute.IsDefined(p, typeof(XmlTextAttribute)));
            if (text != null) {
                object holder = Activator.CreateInstance(type);
                text.SetValue(holder, text.PropertyType.IsArray ? (object)new[] {(string)value} : value, null);
                return holder;
            }
        }
        if (map == null) return Convert.ChangeType(value, type, Invariant);
        object typed;
        if (map.TryGetValue("$xsiType", out typed)) {
            string local = ((string)typed).Split('}').Last();
            type = type.Assembly.GetTypes().Single(t => type.IsAssignableFrom(t) && XmlTypeName(t) == local);
        }
        object made = Activator.CreateInstance(type);
        foreach (PropertyInfo property in Members(type)) {
            object member;
            if (!map.TryGetValue(Key(property), out member)) continue;
            property.SetValue(made, Typed(member, property.PropertyType), null);
            PropertyInfo specified = type.GetProperty(property.Name + "Specified");
            if (specified != null) specified.SetValue(made, true, null);
        }
        return made;
    }

    static string XmlTypeName(Type type) {
        var named = (XmlTypeAttribute)Attribute.GetCustomAttribute(type, typeof(XmlTypeAttribute));
        return named != null && named.TypeName != "" ? named.TypeName : type.Name;
    }

    static string XmlTypeNamespace(Type type) {
        var named = (XmlTypeAttribute)Attribute.GetCustomAttribute(type, typeof(XmlTypeAttribute));
        return named != null && named.Namespace != null ? named.Namespace : "";
    }

    // -- the proxy's values -> JSON ------------------------------------------------------------

    static object Plain(object value) {
        if (value == null || value is string || value is bool) return value;
        if (value is byte[]) return new Dictionary<string, object> {{"$bytes", Convert.ToBase64String((byte[])value)}};
        if (value is decimal) return ((decimal)value).ToString(Invariant);
        if (value is float) return (double)(float)value;
        if (value is DateTime) {
            var instant = (DateTime)value;
            if (instant.Kind == DateTimeKind.Unspecified) return instant.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", Invariant);
            return instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", Invariant) + "Z";
        }
        Type type = value.GetType();
        if (type.IsEnum) {
            var named = (XmlEnumAttribute)Attribute.GetCustomAttribute(type.GetField(value.ToString()), typeof(XmlEnumAttribute));
            return named != null ? named.Name : value.ToString();
        }
        if (type.IsPrimitive) return value;
        if (value is IEnumerable) return ((IEnumerable)value).Cast<object>().Select(Plain).ToArray();
        var map = new Dictionary<string, object> {{"$xsiType", "{" + XmlTypeNamespace(type) + "}" + XmlTypeName(type)}};
        foreach (PropertyInfo property in Members(type)) {
            if (property.Name.EndsWith("Specified") && property.PropertyType == typeof(bool)) continue;
            PropertyInfo specified = type.GetProperty(property.Name + "Specified");
            bool present = specified == null || (bool)specified.GetValue(value, null);
            var items = (XmlArrayItemAttribute)Attribute.GetCustomAttribute(property, typeof(XmlArrayItemAttribute));
            map[Key(property)] = present ? Wrapped(Plain(property.GetValue(value, null)), items, property.PropertyType) : null;
        }
        return map;
    }

    // an array whose items have an element of their own (<return><item/>...</return>) as the wire
    // form writes it: {"item": [...]}; an item element the attribute does not name is named
    // after the item's XML type (string for string[], the class's type name)
    static object Wrapped(object items, XmlArrayItemAttribute item, Type type) {
        if (item == null || items == null) return items;
        string name = item.ElementName;
        if (name == "" && type.IsArray) name = ItemName(type.GetElementType());
        return name == "" ? items : new Dictionary<string, object> {{name, items}};
    }

    static string ItemName(Type type) {
        if (type == typeof(string)) return "string";
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(bool)) return "boolean";
        if (type == typeof(decimal)) return "decimal";
        if (type == typeof(double)) return "double";
        if (type == typeof(float)) return "float";
        if (type == typeof(DateTime)) return "dateTime";
        return type.IsPrimitive ? "" : XmlTypeName(type);
    }

    // a fault's detail as the wire form: child elements by local name, text as it is
    static object Children(XmlNode node) {
        var elements = node.ChildNodes.OfType<XmlElement>().ToList();
        if (elements.Count == 0) return node.InnerText == "" ? null : node.InnerText;
        var map = new Dictionary<string, object>();
        foreach (var group in elements.GroupBy(e => e.LocalName)) {
            var items = group.Select(e => Children(e)).ToArray();
            map[group.Key] = items.Length == 1 ? items[0] : items;
        }
        return map;
    }
}
