"""soapsmith: typed Python SOAP clients from WSDL files and documentation pages."""

__version__ = "0.1.0"
