package io.integrityagent.it.apps;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;

/** The prepared-statement counterpart of {@link ForwardingStatement}. */
public class ForwardingPreparedStatement extends ForwardingStatement implements PreparedStatement {

    private final PreparedStatement delegate;

    public ForwardingPreparedStatement(PreparedStatement delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public void addBatch() throws SQLException {
        delegate.addBatch();
    }

    @Override
    public void clearParameters() throws SQLException {
        delegate.clearParameters();
    }

    @Override
    public boolean execute() throws SQLException {
        return delegate.execute();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return delegate.executeLargeUpdate();
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return delegate.executeQuery();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return delegate.executeUpdate();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return delegate.getParameterMetaData();
    }

    @Override
    public void setArray(int a0, Array a1) throws SQLException {
        delegate.setArray(a0, a1);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
        delegate.setAsciiStream(a0, a1, a2);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
        delegate.setAsciiStream(a0, a1, a2);
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1) throws SQLException {
        delegate.setAsciiStream(a0, a1);
    }

    @Override
    public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
        delegate.setBigDecimal(a0, a1);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
        delegate.setBinaryStream(a0, a1, a2);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
        delegate.setBinaryStream(a0, a1, a2);
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1) throws SQLException {
        delegate.setBinaryStream(a0, a1);
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
        delegate.setBlob(a0, a1, a2);
    }

    @Override
    public void setBlob(int a0, InputStream a1) throws SQLException {
        delegate.setBlob(a0, a1);
    }

    @Override
    public void setBlob(int a0, Blob a1) throws SQLException {
        delegate.setBlob(a0, a1);
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws SQLException {
        delegate.setBoolean(a0, a1);
    }

    @Override
    public void setByte(int a0, byte a1) throws SQLException {
        delegate.setByte(a0, a1);
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws SQLException {
        delegate.setBytes(a0, a1);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
        delegate.setCharacterStream(a0, a1, a2);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        delegate.setCharacterStream(a0, a1, a2);
    }

    @Override
    public void setCharacterStream(int a0, Reader a1) throws SQLException {
        delegate.setCharacterStream(a0, a1);
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) throws SQLException {
        delegate.setClob(a0, a1, a2);
    }

    @Override
    public void setClob(int a0, Reader a1) throws SQLException {
        delegate.setClob(a0, a1);
    }

    @Override
    public void setClob(int a0, Clob a1) throws SQLException {
        delegate.setClob(a0, a1);
    }

    @Override
    public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
        delegate.setDate(a0, a1, a2);
    }

    @Override
    public void setDate(int a0, Date a1) throws SQLException {
        delegate.setDate(a0, a1);
    }

    @Override
    public void setDouble(int a0, double a1) throws SQLException {
        delegate.setDouble(a0, a1);
    }

    @Override
    public void setFloat(int a0, float a1) throws SQLException {
        delegate.setFloat(a0, a1);
    }

    @Override
    public void setInt(int a0, int a1) throws SQLException {
        delegate.setInt(a0, a1);
    }

    @Override
    public void setLong(int a0, long a1) throws SQLException {
        delegate.setLong(a0, a1);
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        delegate.setNCharacterStream(a0, a1, a2);
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1) throws SQLException {
        delegate.setNCharacterStream(a0, a1);
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) throws SQLException {
        delegate.setNClob(a0, a1, a2);
    }

    @Override
    public void setNClob(int a0, Reader a1) throws SQLException {
        delegate.setNClob(a0, a1);
    }

    @Override
    public void setNClob(int a0, NClob a1) throws SQLException {
        delegate.setNClob(a0, a1);
    }

    @Override
    public void setNString(int a0, String a1) throws SQLException {
        delegate.setNString(a0, a1);
    }

    @Override
    public void setNull(int a0, int a1, String a2) throws SQLException {
        delegate.setNull(a0, a1, a2);
    }

    @Override
    public void setNull(int a0, int a1) throws SQLException {
        delegate.setNull(a0, a1);
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        delegate.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, Object a1, int a2) throws SQLException {
        delegate.setObject(a0, a1, a2);
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
        delegate.setObject(a0, a1, a2, a3);
    }

    @Override
    public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
        delegate.setObject(a0, a1, a2);
    }

    @Override
    public void setObject(int a0, Object a1) throws SQLException {
        delegate.setObject(a0, a1);
    }

    @Override
    public void setRef(int a0, Ref a1) throws SQLException {
        delegate.setRef(a0, a1);
    }

    @Override
    public void setRowId(int a0, RowId a1) throws SQLException {
        delegate.setRowId(a0, a1);
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) throws SQLException {
        delegate.setSQLXML(a0, a1);
    }

    @Override
    public void setShort(int a0, short a1) throws SQLException {
        delegate.setShort(a0, a1);
    }

    @Override
    public void setString(int a0, String a1) throws SQLException {
        delegate.setString(a0, a1);
    }

    @Override
    public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
        delegate.setTime(a0, a1, a2);
    }

    @Override
    public void setTime(int a0, Time a1) throws SQLException {
        delegate.setTime(a0, a1);
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
        delegate.setTimestamp(a0, a1, a2);
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) throws SQLException {
        delegate.setTimestamp(a0, a1);
    }

    @Override
    public void setURL(int a0, URL a1) throws SQLException {
        delegate.setURL(a0, a1);
    }

    @Override
    public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
        delegate.setUnicodeStream(a0, a1, a2);
    }
}
